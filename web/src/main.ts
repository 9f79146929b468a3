// Entry of the map application (index.html): sign in when the server has accounts, then load
// and start the app (a separate chunk, so the sign-in page does not download the map).
import { forgetPrefetch, prefetch } from './api/client.ts';
import { initLang } from './i18n/index.ts';
import { rememberRole, rememberedRole, showSignIn, whoAmI } from './panels/sign-in.ts';
import './styles.css';

initLang();
const root = document.getElementById('app')!;

/** The first answers the app needs (site accounts read no ranking). */
const firstPaths = (role: string | undefined) =>
  [...(role === 'site' ? [] : ['/api/gaps?limit=50&offset=0', '/api/regions?level=admin1']), '/api/sites', '/api/layers'];

async function start(): Promise<void> {
  // Whoever was signed in on this browser last time most likely still is: the app's code and its
  // first answers travel alongside the session check rather than after it (one round trip less
  // before the list). A wrong guess costs a download; the server still decides what anyone sees.
  const hint = rememberedRole();
  let app = hint ? import('./app.ts') : null;
  let prefetchedFor = hint;
  if (hint) prefetch(firstPaths(hint));
  let me = await whoAmI();
  if (me === null) {
    forgetPrefetch();
    prefetchedFor = null;
    rememberRole(null);
    await showSignIn(root);
    me = await whoAmI();
  }
  const role = me === 'open' ? 'admin' : me?.role;
  if (role !== prefetchedFor) {
    forgetPrefetch();
    prefetch(firstPaths(role));
  }
  if (me !== 'open' && role) rememberRole(role);
  // The map (MapLibre, ~1 MB) is fetched only once someone is in: the sign-in form stays light.
  app ??= import('./app.ts');
  const { mountApp } = await app;
  mountApp(root, me === 'open' ? null : me);
}
void start();
