// The one place numbers are rounded before they are stored, ranked or shown: both database
// backends then give byte-identical results even if their last floating-point bits differ.
export const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  // +0 turns -0 into 0 so JSON and CSV never print "-0".
  return Math.round(x * f) / f + 0;
};
/** Distances in metres: centimetres. */
export const roundM = (x: number | null): number | null => (x === null ? null : round(x, 2));
/** Money in USD: cents. */
export const roundUsd = (x: number): number => round(x, 2);
/** Money in KZT: whole tenge. */
export const roundKzt = (x: number): number => round(x, 0);
/** Scores: 6 decimals, enough to separate any two facilities that differ in substance. */
export const roundScore = (x: number): number => round(x, 6);
