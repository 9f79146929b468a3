// Entry of the map application (index.html): sign in when the server has accounts, then the app.
import { initLang } from './i18n/index.ts';
import { mountApp } from './app.ts';
import { showSignIn, whoAmI } from './panels/sign-in.ts';
import './styles.css';

initLang();
const root = document.getElementById('app')!;
async function start(): Promise<void> {
  let me = await whoAmI();
  if (me === null) {
    await showSignIn(root);
    me = await whoAmI();
  }
  mountApp(root, me === 'open' ? null : me);
}
void start();
