// Both backends must return the same JavaScript values for the same SQL, or parity breaks.
// bigint counts fit in a double for our sizes; numeric stays a string so Counter64 values
// (numeric(20)) and money never lose digits.
export const OID = { int8: 20, numeric: 1700 } as const;

export const parseInt8 = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} exceeds 2^53; cast it to numeric or text`);
  return n;
};
export const parseNumeric = (v: string): string => v;
