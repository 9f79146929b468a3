// One feature or CSV row as read from a file, before validation: its place, properties and geometry.
import type { Problem } from './geometry-checks.ts';

export type SourceGeometry =
  | { kind: 'geojson'; value: unknown }
  /** WKT text, parsed and checked by PostGIS in the batch. */
  | { kind: 'wkt'; value: string; field: string };

export type SourceRecord = {
  /** 1-based feature number (GeoJSON) or data row number (CSV). */
  index: number;
  /** Line in the file where the CSV row starts. */
  line?: number;
  /** GeoJSON Feature "id" member. */
  featureId?: string | number;
  properties?: Record<string, unknown>;
  geometry?: SourceGeometry;
  /** A problem found while reading (the feature is unusable, reading goes on). */
  problem?: Problem;
};
