// Source properties → a layer row: the stable id (column or template), the mapped fields converted
// to their types, and everything unmapped kept in `properties`. Pure; geometry is checked elsewhere.
import type { LayerSpec } from '../layers.ts';
import type { Problem } from './geometry-checks.ts';
import { convertValue, isBlank } from './values.ts';

export type Mapping = {
  /** layer field → source property; a field not listed takes the property of the same name. */
  fields?: Record<string, string>;
  /** Source property that holds the id (default: the feature's "id" member, else an "id" property). */
  idColumn?: string | undefined;
  /** Id built from properties, e.g. 'osm:{osm_id}'. */
  idTemplate?: string | undefined;
};

export type Row = {
  id: string;
  values: Record<string, string | number | boolean | null>;
  properties: Record<string, unknown>;
};

export class MappingError extends Error {
  override name = 'MappingError';
}

/** Parses `--map field=source` pairs against the layer; unknown fields are a usage error. */
export function parseMapArgs(pairs: readonly string[], spec: LayerSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) throw new MappingError(`--map ${p}: expected field=source_column`);
    const field = p.slice(0, eq).trim();
    const source = p.slice(eq + 1).trim();
    if (!spec.fields.some((f) => f.name === field)) {
      throw new MappingError(`--map ${p}: layer ${spec.name} has no field "${field}" (fields: ${spec.fields.map((f) => f.name).join(', ')})`);
    }
    out[field] = source;
  }
  return out;
}

const TEMPLATE_PART = /\{([^{}]+)\}/g;

export function templateColumns(template: string): string[] {
  return [...template.matchAll(TEMPLATE_PART)].map((m) => m[1]!);
}

function idOf(props: Record<string, unknown>, featureId: string | number | undefined, m: Mapping): { id: string } | { problem: Problem } {
  const missing = (field: string, reason: string) => ({ problem: { code: 'missing_id' as const, field, reason } });
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined);
  if (m.idTemplate) {
    let gap: string | undefined;
    const id = m.idTemplate.replace(TEMPLATE_PART, (_all, col: string) => {
      // {id} falls back to the GeoJSON feature id when no property is called "id".
      const v = text(col === 'id' && (props.id === undefined || props.id === null) ? featureId : props[col]);
      if (!v) gap ??= col;
      return v ?? '';
    });
    return gap !== undefined ? missing(gap, `no value for {${gap}} in the id template ${m.idTemplate}`) : { id };
  }
  if (m.idColumn) {
    const v = text(props[m.idColumn]);
    return v ? { id: v } : missing(m.idColumn, 'the id column is empty');
  }
  const v = text(featureId) || text(props.id);
  return v ? { id: v } : missing('id', 'no id: give the feature an "id", or use --id-column / --id-template');
}

/** Source properties consumed by the mapping (they do not go into `properties`). */
export function consumedColumns(spec: LayerSpec, m: Mapping): Set<string> {
  const used = new Set<string>();
  for (const f of spec.fields) used.add(m.fields?.[f.name] ?? f.name);
  if (m.idTemplate) for (const c of templateColumns(m.idTemplate)) used.add(c);
  else used.add(m.idColumn ?? 'id');
  return used;
}

export function buildRow(
  props: Record<string, unknown>,
  featureId: string | number | undefined,
  spec: LayerSpec,
  m: Mapping,
  consumed: Set<string>,
): { row: Row; problems: [] } | { row?: undefined; id?: string; problems: Problem[] } {
  const problems: Problem[] = [];
  const idResult = idOf(props, featureId, m);
  const values: Row['values'] = {};
  for (const f of spec.fields) {
    const source = m.fields?.[f.name] ?? f.name;
    const c = convertValue(props[source], f);
    if ('problem' in c) problems.push(source === f.name ? c.problem : { ...c.problem, field: `${f.name} (column ${source})` });
    else values[f.name] = c.value;
  }
  if ('problem' in idResult) problems.unshift(idResult.problem);
  if (problems.length) return { problems, id: 'id' in idResult ? idResult.id : undefined };
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (!consumed.has(k) && !isBlank(v)) properties[k] = v;
  }
  return { row: { id: (idResult as { id: string }).id, values, properties }, problems: [] };
}
