// Issue 11 item 7: the first administrator's password never goes to a captured stdout. Before the
// fix it was printed with console.log, so log files that capture stdout kept it.
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_ADMIN_FILE, firstAdminDelivery } from '../../server/src/access/bootstrap.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-first-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TEXT = '  First administrator created.\n    login:    admin\n    password: Sup3r-Secret-Generated-9';

describe('first administrator password', () => {
  it('output captured (no terminal): written to a 0600 file, the console names only the file', () => {
    const said: string[] = [];
    const written: string[] = [];
    firstAdminDelivery(dir, { isTTY: false, write: (t) => written.push(t) }, (l) => said.push(l))(TEXT);
    const file = path.join(dir, FIRST_ADMIN_FILE);
    expect(readFileSync(file, 'utf8')).toContain('Sup3r-Secret-Generated-9');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(said.join('\n')).toContain(file);
    expect(said.join('\n')).not.toContain('Sup3r');
    expect(written).toEqual([]);
  });

  it('on a terminal: shown on stderr, no file', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'baylanys-first-admin-tty-'));
    const written: string[] = [];
    const said: string[] = [];
    firstAdminDelivery(other, { isTTY: true, write: (t) => written.push(t) }, (l) => said.push(l))(TEXT);
    expect(written.join('')).toContain('Sup3r-Secret-Generated-9');
    expect(said).toEqual([]);
    expect(existsSync(path.join(other, FIRST_ADMIN_FILE))).toBe(false);
    rmSync(other, { recursive: true, force: true });
  });
});
