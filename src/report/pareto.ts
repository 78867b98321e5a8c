/** A point to compare: lower cost and higher accuracy are better. */
export interface ParetoPoint {
  cost: number;
  accuracy: number;
}

/**
 * Indexes of the points on the Pareto frontier: those no other point beats
 * on both cost and accuracy (at least as good on both, better on one).
 */
export function paretoFrontier(points: readonly ParetoPoint[]): number[] {
  const out: number[] = [];
  points.forEach((p, i) => {
    const dominated = points.some((q, j) => j !== i && q.cost <= p.cost && q.accuracy >= p.accuracy && (q.cost < p.cost || q.accuracy > p.accuracy));
    if (!dominated) out.push(i);
  });
  return out;
}
