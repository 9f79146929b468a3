// Colours and shapes. Okabe–Ito colours stay distinct for the common colour-vision deficiencies;
// link status is also told by shape (status-icons.ts) and by text in every list and panel.
import { TECHNOLOGY_CATALOGUE, TECHNOLOGY_IDS, type TechnologyId } from '../../../server/src/planning/technologies/catalogue.ts';
export const GAP_CLASSES = ['lit_village', 'near_fibre', 'mobile_only', 'unserved', 'connected'] as const;
export const GAP_COLOURS: Record<string, string> = {
  lit_village: '#0072B2',
  near_fibre: '#56B4E9',
  mobile_only: '#E69F00',
  unserved: '#D55E00',
  connected: '#009E73',
  unknown: '#8c8c8c',
};

// Technologies come from the planning registry's catalogue (server/src/planning/technologies).
export const TECHNOLOGIES = TECHNOLOGY_IDS;
export type Technology = TechnologyId;
export const TECH_COLOURS: Record<string, string> = {
  ...Object.fromEntries(TECHNOLOGY_CATALOGUE.map((t) => [t.id, t.colour])),
  unknown: '#8c8c8c',
};

const KNOWN = new Set<string>(TECHNOLOGY_IDS);
/** A registry id as is; an older or foreign spelling (fibre_drop, radio, lte_cpe…) mapped to one. */
export function normaliseTechnology(code: string | null | undefined): Technology | 'unknown' {
  const c = (code ?? '').toLowerCase();
  if (KNOWN.has(c)) return c as Technology;
  if (/village|p2mp|ptmp/.test(c)) return 'village_radio';
  if (/fib|fttx|optic|drop/.test(c)) return 'fibre';
  if (/radio|p2p|ptp|microwave|wireless/.test(c)) return 'p2p_radio';
  if (/lte|4g|3g|mobile|cpe/.test(c)) return 'lte';
  if (/sat|geo|leo|vsat/.test(c)) return 'satellite';
  return 'unknown';
}

export const STATUSES = ['up', 'down', 'link_down', 'unknown', 'idle'] as const;
export const STATUS_COLOURS: Record<string, string> = {
  up: '#009E73',
  down: '#D55E00',
  link_down: '#E69F00',
  unknown: '#7a7a7a',
  idle: '#0072B2',
};

export const COVERAGE_COLOURS: Record<string, string> = { '2G': '#cccccc', '3G': '#F0E442', '4G': '#E69F00', '5G': '#CC79A7' };
export const FIBRE_COLOUR = '#6a3d9a';
