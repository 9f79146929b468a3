// Entry of the school page (school.html, served at /s/:token): no map, no login.
import { initLang } from './i18n/index.ts';
import { mountSchoolPage } from './panels/school-page.ts';
import './styles.css';

initLang();
const token = decodeURIComponent(location.pathname.replace(/^\/s\//, '').split('/')[0] ?? '');
mountSchoolPage(document.getElementById('app')!, token);
