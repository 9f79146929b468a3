// Entry of the map application (index.html): sign in when the server has accounts, then load
// and start the app (a separate chunk, so the sign-in page does not download the map).
import { prefetch } from './api/client.ts';
import { initLang } from './i18n/index.ts';
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
  // The first answers the app needs travel while its code loads (site accounts read no ranking).
  const role = me === 'open' ? 'admin' : me?.role;
  prefetch([...(role === 'site' ? [] : ['/api/gaps?limit=50&offset=0', '/api/regions?level=admin1']), '/api/sites', '/api/layers']);
  // The map (MapLibre, ~1 MB) is fetched only once someone is in: the sign-in form stays light.
  const { mountApp } = await import('./app.ts');
  mountApp(root, me === 'open' ? null : me);
}
void start();
