// Values PostgreSQL cannot store, found before they reach it, with the place: a NUL character in
// any text (the database answers "unsupported Unicode escape sequence" naming no row), and
// nesting so deep that serialising the row overflows the stack. Iterative, so depth itself is safe.
import type { Problem } from './geometry-checks.ts';

/** Deepest nesting of objects/arrays accepted inside one property. */
export const MAX_PROPERTY_DEPTH = 32;
/** A MultiPolygon's coordinates are 4 arrays deep; anything far deeper is not a geometry. */
export const MAX_GEOMETRY_DEPTH = 8;

/** The first unstorable value in `value`, reported against `field`; undefined when all is well. */
export function unstorable(value: unknown, field: string, maxDepth: number): Problem | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { code: 'nul_character', field, reason: 'contains a NUL character (\\u0000), which cannot be stored: remove it from the file' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { code: 'too_deeply_nested', field, reason: `nested more than ${maxDepth} levels deep: flatten it or leave it out` };
    for (const [k, child] of Object.entries(v)) {
      if (k.includes('\u0000')) return { code: 'nul_character', field, reason: 'a key contains a NUL character (\\u0000), which cannot be stored: remove it from the file' };
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** The first unstorable property of a feature or row (field = the property's name), or its id. */
export function unstorableRecord(props: Record<string, unknown>, featureId: unknown, geometry: unknown): Problem | undefined {
  if (typeof featureId === 'string' && featureId.includes('\u0000')) return unstorable(featureId, 'id', 1);
  for (const [k, v] of Object.entries(props)) {
    const p = k.includes('\u0000') ? unstorable(k, 'properties', 1) : unstorable(v, k, MAX_PROPERTY_DEPTH);
    if (p) return p;
  }
  return geometry === undefined ? undefined : unstorable(geometry, 'geometry', MAX_GEOMETRY_DEPTH);
}
