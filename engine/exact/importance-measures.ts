// The classical importance measures of one element as functions of three conditional unavailabilities
// (Rausand and Høyland 2004, "System Reliability Theory", 2nd ed., ch. 5; Birnbaum 1969).

/**
 * Importance of one element (or risk-group event) for one service. With u = P(service down), u(down) the
 * unavailability with the element held down and u(up) with it held up, and q the element's failure probability:
 * - Birnbaum `I_B = u(down) - u(up)`, in [0, 1] (coherent services);
 * - criticality `I_B · q / u`, in [0, 1];
 * - risk achievement worth `RAW = u(down) / u`, >= 1;
 * - risk reduction worth `RRW = u / u(up)`, >= 1 (Infinity when u(up) = 0);
 * - Fussell-Vesely `FV = (u - u(up)) / u`, in [0, 1].
 * Ratios with a zero denominator are Infinity (positive numerator) or NaN (zero numerator).
 */
export interface ImportanceMeasures {
  /** Element index (nodes, then links), or elementCount + g for risk group g's event. */
  readonly element: number;
  /** The element's marginal failure probability q (a group: its event probability), in [0, 1]. */
  readonly failureProbability: number;
  readonly unavailability: number;
  readonly unavailabilityDown: number;
  readonly unavailabilityUp: number;
  readonly birnbaum: number;
  readonly criticality: number;
  readonly riskAchievementWorth: number;
  readonly riskReductionWorth: number;
  readonly fussellVesely: number;
}

/**
 * Computes the five measures from the three unavailabilities and the failure probability.
 * @param element element index (or elementCount + group index)
 * @param failureProbability q in [0, 1]
 * @param unavailability u in [0, 1]
 * @param unavailabilityDown u with the element held down, in [0, 1]
 * @param unavailabilityUp u with the element held up, in [0, 1]
 */
export function computeImportanceMeasures(
  element: number,
  failureProbability: number,
  unavailability: number,
  unavailabilityDown: number,
  unavailabilityUp: number,
): ImportanceMeasures {
  const birnbaum = unavailabilityDown - unavailabilityUp;
  return {
    element,
    failureProbability,
    unavailability,
    unavailabilityDown,
    unavailabilityUp,
    birnbaum,
    criticality: divide(birnbaum * failureProbability, unavailability),
    riskAchievementWorth: divide(unavailabilityDown, unavailability),
    riskReductionWorth: divide(unavailability, unavailabilityUp),
    fussellVesely: divide(unavailability - unavailabilityUp, unavailability),
  };
}

function divide(numerator: number, denominator: number): number {
  if (denominator !== 0) return numerator / denominator;
  return numerator === 0 ? NaN : numerator > 0 ? Infinity : -Infinity;
}
