// `npm start` runs this first: builds web/dist (production mode) when it is missing, was built
// for the end-to-end tests, or is older than any file under web/. Takes a few seconds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('.', import.meta.url));
const stamp = path.join(web, 'dist', '.build-mode');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === 'production' && statSync(stamp).mtimeMs >= newestSource(web);
if (!fresh) {
  console.log('Building the web app (web/dist)…');
  const vite = path.join(web, '..', 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: path.join(web, '..') });
  writeFileSync(stamp, 'production\n');
}
