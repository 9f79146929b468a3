// The technology registry: the one list every part of Baylanys reads (gap engine, settlement
// choice, Monte Carlo, sensitivity, API, web legend). Adding a technology = one module here, its
// catalogue row and its translations in web/src/i18n (docs/recipes.md, "Add a technology").
import { fibre } from './fibre.ts';
import { keep } from './keep.ts';
import { lte } from './lte.ts';
import { p2pRadio } from './p2p-radio.ts';
import { satellite } from './satellite.ts';
import { COMPOSITE_TECHNOLOGIES, TECHNOLOGY_IDS, type TechnologyId } from './catalogue.ts';
import type { Technology } from './types.ts';
import { villageRadio } from './village-radio.ts';

/** Order matters only for ties of equal TCO: the earlier wins (keep first: no work beats equal work). */
export const TECHNOLOGY_REGISTRY = [keep, fibre, villageRadio, p2pRadio, lte, satellite] as const satisfies readonly Technology<any>[];

// The catalogue (ids and colours, for the web app) must list the same technologies in the same order.
if ([...TECHNOLOGY_REGISTRY.map((t) => t.id), ...COMPOSITE_TECHNOLOGIES].join() !== TECHNOLOGY_IDS.join()) {
  throw new Error(`technology registry (${TECHNOLOGY_REGISTRY.map((t) => t.id)}) and catalogue (${TECHNOLOGY_IDS}) disagree`);
}

type Registered = (typeof TECHNOLOGY_REGISTRY)[number];
/** Each technology's parameter schema under its key: `parameters.ts` spreads them into a parameter set's schema. */
export const technologySchemas = Object.fromEntries(TECHNOLOGY_REGISTRY.map((t) => [t.parameterKey, t.schema])) as {
  [T in Registered as T['parameterKey']]: T['schema'];
};
/** Each technology's defaults under its key (their sources are in the module). */
export const technologyDefaults = Object.fromEntries(TECHNOLOGY_REGISTRY.map((t) => [t.parameterKey, t.defaults])) as {
  [T in Registered as T['parameterKey']]: T['defaults'];
};

/** Every uncertain unit cost, as 'parameterKey.field' with its range. */
export function uncertainUnitCosts(): Array<{ name: string; technology: string; min: number; max: number; source: string }> {
  const out = [];
  for (const t of TECHNOLOGY_REGISTRY) {
    const key = t.parameterKey;
    for (const [field, range] of Object.entries(t.ranges) as Array<[string, readonly [number, number]]>) {
      out.push({ name: `${key}.${field}`, technology: t.id, min: range[0], max: range[1], source: (t.sources as Record<string, string>)[field] ?? '' });
    }
  }
  return out;
}

export { fibre, keep, lte, p2pRadio, satellite, villageRadio, TECHNOLOGY_IDS };
export type { Technology };
