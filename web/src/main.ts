// Entry of the map application (index.html).
import { initLang } from './i18n/index.ts';
import { mountApp } from './app.ts';
import './styles.css';

initLang();
mountApp(document.getElementById('app')!);
