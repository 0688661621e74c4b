/**
 * Splitting a project's cents over its localisation rows.
 *
 * Each row gets weight w_i (its Percentuale di Localizzazione in hundredths of a
 * percent, or 1 for the equal split) and the amount A is divided as A·w_i/W with
 * W = Σw. Each part is first floored; the cents left over go one each to the
 * rows with the largest remainders (ties: the earlier row). The parts therefore
 * add up to A exactly. BigInt keeps A·w_i exact for any amount.
 */
export function largestRemainder(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    // No usable weights: fall back to an equal split rather than dropping money.
    return largestRemainder(amount, weights.map(() => 1));
  }
  const sign = amount < 0 ? -1n : 1n;
  const a = BigInt(Math.abs(amount));
  const W = BigInt(total);
  const parts = weights.map((w) => (a * BigInt(w)) / W);
  const remainders = weights.map((w, i) => ({ i, r: (a * BigInt(w)) % W }));
  let left = a - parts.reduce((x, y) => x + y, 0n);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) parts[remainders[k % remainders.length]!.i]! += 1n;
  return parts.map((p) => Number(p * sign));
}
