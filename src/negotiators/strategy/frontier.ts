/**
 * Exact solution concepts for a domain small enough to enumerate, from both sides' utility of
 * every package (`a[p]`, `b[p]`) and their reservations.
 */

export interface Point {
  a: number;
  b: number;
}

export interface FrontierPoint extends Point {
  /** The lowest-numbered package with these utilities. */
  pkg: number;
}

/**
 * The Pareto frontier: packages no other package beats for one side without losing for the other.
 * Sorted by `a` falling (so `b` rising). Packages with equal utility pairs appear once.
 */
export function paretoFrontier(a: ArrayLike<number>, b: ArrayLike<number>): FrontierPoint[] {
  const n = a.length;
  const order = Array.from({ length: n }, (_, p) => p);
  order.sort((x, y) => a[y]! - a[x]! || b[y]! - b[x]! || x - y);
  const frontier: FrontierPoint[] = [];
  let bestB = -Infinity;
  for (const p of order) {
    if (b[p]! > bestB) {
      frontier.push({ a: a[p]!, b: b[p]!, pkg: p });
      bestB = b[p]!;
    }
  }
  return frontier;
}

/**
 * The Nash bargaining solution over the packages: the one that maximises the product of the gains
 * over the reservations, among those both sides prefer to no deal. Null when no package gives both
 * at least their reservation. Ties go to the lower package number.
 */
export function nashPoint(a: ArrayLike<number>, b: ArrayLike<number>, ra: number, rb: number): FrontierPoint | null {
  let best: FrontierPoint | null = null;
  let bestProduct = -Infinity;
  for (let p = 0; p < a.length; p++) {
    const ga = a[p]! - ra;
    const gb = b[p]! - rb;
    if (ga < 0 || gb < 0) continue;
    const product = ga * gb;
    if (product > bestProduct) {
      bestProduct = product;
      best = { a: a[p]!, b: b[p]!, pkg: p };
    }
  }
  return best;
}

/**
 * The Kalai–Smorodinsky solution over the packages: the one that maximises the smaller of the two
 * sides' shares of their possible gain, (u - r) / (max u - r), among packages both prefer to no
 * deal; ties go to the larger sum of utilities, then to the lower package number. On a continuous
 * frontier this is where the line from the reservations to the ideal point meets the frontier.
 */
export function kalaiSmorodinskyPoint(a: ArrayLike<number>, b: ArrayLike<number>, ra: number, rb: number): FrontierPoint | null {
  let maxA = -Infinity;
  let maxB = -Infinity;
  for (let p = 0; p < a.length; p++) {
    maxA = Math.max(maxA, a[p]!);
    maxB = Math.max(maxB, b[p]!);
  }
  const share = (u: number, r: number, max: number) => (max > r ? (u - r) / (max - r) : 0);
  let best: FrontierPoint | null = null;
  let bestShare = -Infinity;
  let bestSum = -Infinity;
  for (let p = 0; p < a.length; p++) {
    if (a[p]! < ra || b[p]! < rb) continue;
    const s = Math.min(share(a[p]!, ra, maxA), share(b[p]!, rb, maxB));
    const sum = a[p]! + b[p]!;
    if (s > bestShare || (s === bestShare && sum > bestSum)) {
      bestShare = s;
      bestSum = sum;
      best = { a: a[p]!, b: b[p]!, pkg: p };
    }
  }
  return best;
}

export function distance(p: Point, q: Point): number {
  return Math.hypot(p.a - q.a, p.b - q.b);
}

/** Distance in utility space from a point to the nearest point of the (discrete) frontier. */
export function distanceToFrontier(point: Point, frontier: readonly Point[]): number {
  let best = Infinity;
  for (const f of frontier) best = Math.min(best, distance(point, f));
  return best;
}
