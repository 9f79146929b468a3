// The technologies of the registry as lists and the map show them: id, colour (Okabe–Ito, distinct
// for the common colour-vision deficiencies) and whether choosing it is new work to fund. No costs,
// no zod: the web app imports this file. index.ts refuses to load if the two lists disagree
// (the catalogue also lists the composite options evaluate.ts builds from them).
export const TECHNOLOGY_CATALOGUE = [
  { id: 'keep', colour: '#999999', newWork: false },
  { id: 'fibre', colour: '#0072B2', newWork: true },
  { id: 'village_radio', colour: '#009E73', newWork: true },
  { id: 'p2p_radio', colour: '#CC79A7', newWork: true },
  { id: 'lte', colour: '#E69F00', newWork: true },
  { id: 'satellite', colour: '#D55E00', newWork: true },
  // Composite: an interim link, then the drop from a planned PPP route (evaluate.ts, not a registry module).
  { id: 'planned_fibre', colour: '#56B4E9', newWork: true },
] as const;

/** Options composed of the registry's (not modules of their own). */
export const COMPOSITE_TECHNOLOGIES: readonly TechnologyId[] = ['planned_fibre'];

export type TechnologyId = (typeof TECHNOLOGY_CATALOGUE)[number]['id'];
export const TECHNOLOGY_IDS: TechnologyId[] = TECHNOLOGY_CATALOGUE.map((t) => t.id);
