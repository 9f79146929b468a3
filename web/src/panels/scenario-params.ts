// The scenario parameters a fund manager edits, grouped as the model groups them (finance, fibre,
// 4G/LTE, satellite and radio, uncertainty), with units, ranges and sources. A scenario stores only what differs from
// the defaults in force (GET /api/scenarios/_defaults), so later default changes still reach it.
import type { ScenarioDefaults, ScenarioParams } from '../api/types.ts';
import type { MessageKey } from '../i18n/index.ts';

export type ParamField = {
  /** 'planning.finance.kztPerUsd' style path inside the scenario's params; 'seed' etc. at the top. */
  key: string;
  group: 'finance' | 'fibre' | 'lte' | 'satellite' | 'uncertainty';
  label: MessageKey;
  unit?: MessageKey;
  source?: MessageKey;
  min?: number;
  /** Shown as a percentage, stored as a ratio. */
  percent?: boolean;
  options?: readonly string[];
  range?(d: ScenarioDefaults | null): [number, number] | null;
};

const rangeOf = (name: string) => (d: ScenarioDefaults | null) => d?.planning.ranges?.[name] ?? null;

export const PARAM_FIELDS: readonly ParamField[] = [
  { key: 'planning.finance.kztPerUsd', group: 'finance', label: 'param.kztPerUsd', unit: 'unit.kztPerUsd', source: 'source.nbk', min: 0 },
  { key: 'planning.finance.years', group: 'finance', label: 'param.years', unit: 'unit.years', source: 'source.giga', min: 1 },
  { key: 'planning.finance.discountRate', group: 'finance', label: 'param.discountRate', unit: 'unit.percent', source: 'source.oughton', min: 0, percent: true },
  { key: 'planning.finance.demandGrowth', group: 'finance', label: 'param.demandGrowth', unit: 'unit.percent', source: 'source.planningModel', min: 0, percent: true, range: rangeOf('finance.demandGrowth') },
  { key: 'planning.scope', group: 'finance', label: 'param.scope', options: ['rural', 'all'] },
  { key: 'planning.fibre.perKmUsd', group: 'fibre', label: 'param.fibrePerKm', unit: 'unit.usdPerKm', source: 'source.itu', min: 0, range: rangeOf('fibre.perKmUsd') },
  { key: 'planning.fibre.siteUsd', group: 'fibre', label: 'param.fibreSite', unit: 'unit.usd', source: 'source.giga', min: 0 },
  { key: 'planning.lte.cpeUsd', group: 'lte', label: 'param.lteCpe', unit: 'unit.usd', source: 'source.itu', min: 0, range: rangeOf('lte.cpeUsd') },
  { key: 'planning.lte.usdPerMbpsYear', group: 'lte', label: 'param.lteMbps', unit: 'unit.usdPerMbpsYear', source: 'source.giga', min: 0 },
  { key: 'planning.satellite.serviceUsdPerYear', group: 'satellite', label: 'param.satService', unit: 'unit.usdPerYear', source: 'source.starlinkKz', min: 0, range: rangeOf('satellite.serviceUsdPerYear') },
  { key: 'planning.satellite.terminalUsd', group: 'satellite', label: 'param.satTerminal', unit: 'unit.usd', source: 'source.itu', min: 0, range: rangeOf('satellite.terminalUsd') },
  { key: 'planning.villageRadio.baseUsd', group: 'satellite', label: 'param.villageBase', unit: 'unit.usd', source: 'source.ours', min: 0, range: rangeOf('villageRadio.baseUsd') },
  { key: 'draws', group: 'uncertainty', label: 'param.draws', min: 1 },
  { key: 'seed', group: 'uncertainty', label: 'param.seed', min: 0 },
  { key: 'distribution', group: 'uncertainty', label: 'param.distribution', options: ['triangular', 'uniform'] },
];

export type ParamValues = Record<string, string>;

function at(obj: unknown, path: string[]): unknown {
  let v = obj;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function defaultOf(d: ScenarioDefaults | null, key: string): unknown {
  if (!d) return undefined;
  const [head, ...rest] = key.split('.');
  return head === 'planning' ? at(d.planning, rest) : (d as unknown as Record<string, unknown>)[key];
}

const shown = (f: ParamField, v: unknown) => (typeof v === 'number' ? String(f.percent ? Number((v * 100).toPrecision(12)) : v) : v === undefined || v === null ? '' : String(v));

/** The form's values: the scenario's own where it has one, else the default in force. */
export function valuesFromParams(d: ScenarioDefaults | null, params: ScenarioParams): ParamValues {
  const out: ParamValues = {};
  for (const f of PARAM_FIELDS) {
    const own = at(params, f.key.split('.'));
    out[f.key] = shown(f, own !== undefined ? own : defaultOf(d, f.key));
  }
  return out;
}

/** The scenario's params from the form: only the values that differ from the defaults. */
export function paramsFromValues(d: ScenarioDefaults | null, values: ParamValues): ScenarioParams {
  const out: Record<string, unknown> = {};
  for (const f of PARAM_FIELDS) {
    const raw = values[f.key];
    if (raw === undefined || raw.trim() === '') continue;
    const value: unknown = f.options ? raw : Number(raw.replace(',', '.')) / (f.percent ? 100 : 1);
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    const def = defaultOf(d, f.key);
    if (typeof value === 'number' && typeof def === 'number' ? Math.abs(value - def) < 1e-12 : value === def) continue;
    const path = f.key.split('.');
    let node = out;
    for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = value;
  }
  return out as ScenarioParams;
}
