// The one SQL template helper (server/src/db/sql-template.ts): identifiers only from the layer
// catalogue, code-owned SQL marked as such, and an unfilled {{slot}} is an error, not broken SQL.
import { describe, expect, it } from 'vitest';
import { catalogueColumns, catalogueProperties, catalogueTable, fillSql, trusted } from '../../server/src/db/sql-template.ts';

const tpl = { file: 't.sql', source: 'SELECT {{columns}} FROM {{table}} t WHERE t.id = :id {{filter}}' };

describe('fillSql', () => {
  it('fills the slots and compiles named parameters', () => {
    const s = fillSql(tpl, { table: catalogueTable('road'), columns: catalogueColumns('road', ['id', 'road_class']), filter: trusted('') });
    expect(s.text).toBe('SELECT id, road_class FROM road t WHERE t.id = $1 ');
    expect(s.names).toEqual(['id']);
  });
  it('refuses a slot inside a comment (a multi-line fragment would escape it)', () => {
    expect(() => fillSql({ file: 'c.sql', source: '-- {{filter}} comes from code\nSELECT 1 {{filter}}' }, { filter: trusted('AND x\nOR y') })).toThrow(/inside a -- comment/);
  });
  it('fails on an unfilled placeholder, naming it and the template', () => {
    expect(() => fillSql(tpl, { table: catalogueTable('road'), columns: catalogueColumns('road', ['id']) }, 't.sql(roads)')).toThrow('while filling t.sql(roads): {{filter}} has no value');
  });
});

describe('catalogue identifiers', () => {
  it('accept the tables and fields of the layer catalogue', () => {
    expect(catalogueProperties('settlement', ['name_kk', 'population'])).toBe("'name_kk', t.name_kk, 'population', t.population");
  });
  it.each([
    ['a table outside the catalogue', () => catalogueTable('app_user')],
    ['a column the layer does not have', () => catalogueColumns('road', ['road_class', 'password_hash'])],
    ['SQL posing as a column', () => catalogueProperties('road', ["id', (SELECT 1) --"])],
  ])('refuse %s', (_what, f) => expect(f).toThrow(/layer catalogue/));
});
