// Total cost of ownership: TCO = capex + opex × PVIFA(r, T) (ITU CPP).

/** Present value interest factor of an annuity: (1 − (1 + r)^−T) / r; T when r = 0. */
export function pvifa(rate: number, years: number): number {
  if (rate === 0) return years;
  return (1 - (1 + rate) ** -years) / rate;
}

export function tco(capexUsd: number, opexUsdPerYear: number, rate: number, years: number): number {
  return capexUsd + opexUsdPerYear * pvifa(rate, years);
}
