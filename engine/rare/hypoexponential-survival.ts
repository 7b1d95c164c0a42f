// Survival function of a sum of independent exponentials with distinct decreasing rates (hypoexponential), the
// conditional unavailability given one permutation in permutation Monte Carlo, computed without cancellation.

/** Rescale the running Poisson weight by this factor when it exceeds its inverse, to avoid overflow. */
const RESCALE = 1e-280;
const LOG_RESCALE = 280 * Math.LN10;
/** Relative truncation error of the Poisson series. */
const TRUNCATION = 1e-17;
/** Mass fraction below which a leading state is dropped from the window (relative error <= steps * this). */
const NEGLIGIBLE = 1e-20;

/**
 * Computes `P(S_0 + ... + S_{count-1} > 1)` for independent `S_i ~ Exp(rates[i])`, i.e. the probability that a
 * pure-birth chain started in state 0, leaving state i at rate `rates[i]`, has not reached state `count` by time 1.
 *
 * The textbook formula `Σ_i e^{-Λ_i} Π_{j≠i} Λ_j / (Λ_j - Λ_i)` has alternating terms and loses every digit when the
 * result is small or rates are close (Gertsbakh and Shpungin 2010, "Models of Network Reliability", §7; Botev et
 * al. 2013). Instead this uses uniformization (Jensen 1953; Grassmann 1977): with `Λ = rates[0]` (the largest),
 * `P = Σ_n Poisson(n; Λ) · T_n`, where `T_n` is the probability that the uniformized discrete chain (stay in state
 * i with probability `removed[i] / Λ`, move on with `rates[i] / Λ`) is still transient after n steps. Every term
 * is non-negative, so the result keeps full relative precision down to the smallest doubles (it is accumulated in
 * scaled arithmetic, so `e^{-Λ}` may underflow). Cost: O(count · (Λ + 10 sqrt(Λ))).
 *
 * @param rates the rates, strictly positive and non-increasing (`rates[0]` the largest), per 1 unit of time
 * @param removed `removed[i] = rates[0] - rates[i]`, accumulated as a sum of the removed rates so that it is accurate
 *   when small (`removed[0] = 0`)
 * @param count number of exponentials summed (>= 0); 0 gives 0
 * @param work scratch of length >= 3 * count
 * @returns the survival probability in [0, 1]
 */
export function computeHypoexponentialSurvival(
  rates: Float64Array,
  removed: Float64Array,
  count: number,
  work: Float64Array,
): number {
  if (count <= 0) return 0;
  const total = rates[0];
  if (!(total > 0)) return 1;
  if (count === 1) return Math.exp(-total);
  const last = count - 1;
  // work[0..count): state probabilities; [count..2count): stay probabilities; [2count..3count): move probabilities.
  const stayOffset = count;
  const moveOffset = 2 * count;
  for (let j = 0; j < count; j++) {
    work[stayOffset + j] = removed[j] / total;
    work[moveOffset + j] = rates[j] / total;
  }
  work[0] = 1;
  let transient = 1;
  let weight = 1;
  let logScale = -total;
  let sum = 0;
  // Only states low..high can hold mass: high grows by one per step; low moves past states whose mass has become
  // negligible (below NEGLIGIBLE times the transient mass, as is everything below them).
  let low = 0;
  let high = 0;
  for (let n = 0; ; n++) {
    sum += weight * transient;
    const nextWeight = (weight * total) / (n + 1);
    if (n + 2 > total) {
      // T is non-increasing, so the rest is at most T_n times the Poisson tail beyond n, itself at most
      // w_{n+1} / (1 - Λ / (n + 2)).
      const tail = (transient * nextWeight) / (1 - total / (n + 2));
      if (tail <= TRUNCATION * sum) break;
    }
    if (high < last) {
      high++;
      work[high] = 0;
    }
    let stillTransient = 0;
    for (let j = high; j > low; j--) {
      const value = work[j] * work[stayOffset + j] + work[j - 1] * work[moveOffset + j - 1];
      work[j] = value;
      stillTransient += value;
    }
    work[low] *= work[stayOffset + low];
    stillTransient += work[low];
    transient = stillTransient;
    while (low < high && work[low] <= NEGLIGIBLE * transient) {
      work[low] = 0;
      low++;
    }
    weight = nextWeight;
    if (weight > 1 / RESCALE) {
      weight *= RESCALE;
      sum *= RESCALE;
      logScale += LOG_RESCALE;
    }
    if (transient === 0) break;
  }
  if (sum === 0) return 0;
  const result = logScale > -700 ? sum * Math.exp(logScale) : Math.exp(Math.log(sum) + logScale);
  return result > 1 ? 1 : result;
}
