// bench/results/import.json holds the import figures of two scripts (import-bundled, import-memory);
// each replaces its own section and keeps the other's.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const RESULTS_FILE = fileURLToPath(new URL('../../bench/results/import.json', import.meta.url));

export function writeResults(section: string, value: unknown): void {
  const all = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
  all[section] = value;
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)} (${section})`);
}
