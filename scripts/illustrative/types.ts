// Shapes shared by the illustrative derivation: settlements in, layers out.
import type { LonLat } from './geometry.ts';

export type Place = 'city' | 'town' | 'village' | 'hamlet' | 'isolated_dwelling';
export const PLACES: readonly Place[] = ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'];

/** One OSM place node as the derivation sees it (id = `osm:{osm_id}`). */
export interface SettlementInput {
  id: string;
  osmId: number;
  place: Place;
  name: string | null;
  nameRu: string | null;
  nameKk: string | null;
  nameEn: string | null;
  /** OSM `population` tag, or null when untagged */
  population: number | null;
  adm1: string; // P-code, e.g. KZ15
  adm2: string; // P-code, e.g. KZ156400
  at: LonLat;
}

/** A settlement once every population is known (tagged or estimated). */
export interface Settlement extends SettlementInput {
  pop: number;
  popEstimated: boolean;
  isHub: boolean;
}

/** Official counts per oblast (P-code → count). */
export interface OblastCounts {
  schools: ReadonlyMap<string, number>;
  hospitals: ReadonlyMap<string, number>;
}

export type FacilityKind = 'school' | 'health' | 'library';
export type Connection = 'none' | 'satellite' | 'mobile' | 'dsl' | 'fibre' | 'unknown';

export interface Facility {
  id: string;
  kind: FacilityKind;
  subkind: string;
  name: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
  settlement_id: string;
  students: number | null;
  staff: number | null;
  population_served: number | null;
  connection: Connection;
  measured_mbps: number | null;
  at: [number, number];
}

export interface FibreRoute {
  id: string;
  operator: string;
  status: 'built' | 'planned';
  year: number | null;
  programme: string;
  lines: [number, number][][];
}

export interface FibrePop {
  id: string;
  operator: string;
  kind: 'olt' | 'odf' | 'splice' | 'other';
  settlement_id: string;
  at: [number, number];
}

/** Compare ids so output order never depends on input order. */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
