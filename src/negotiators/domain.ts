/**
 * The generic multi-issue negotiation domain: issues with discrete options, and for each side a
 * linear additive utility u(package) = sum_i w_i * v_i[option_i] with a reservation value. Nothing
 * here knows about the US–China game; the game builds one of these from a scenario.
 */

export interface DomainIssue {
  name: string;
  options: string[];
}

export interface Domain {
  issues: DomainIssue[];
}

/** One side's preferences. Weights sum to 1 and every value lies in [0, 1] (see validate.ts). */
export interface Preferences {
  weights: number[];
  /** values[i][j]: how much the side likes option j of issue i. */
  values: number[][];
  /** What no deal is worth to the side, on the same scale. */
  reservation: number;
}

/** A package: one option index per issue. */
export type Outcome = readonly number[];

export function utility(prefs: Preferences, outcome: Outcome): number {
  let u = 0;
  for (let i = 0; i < prefs.weights.length; i++) u += prefs.weights[i]! * prefs.values[i]![outcome[i]!]!;
  return u;
}

/**
 * Every package of a small domain, numbered in mixed radix (issue 0 varies fastest). Search,
 * frontiers and the benchmark work on these numbers so that a package costs one integer.
 */
export class PackageSpace {
  readonly size: number;
  readonly issueCount: number;
  readonly radices: number[];
  /** options[p * issueCount + i]: the option of issue i in package p. */
  private readonly options: Int32Array;

  constructor(readonly domain: Domain) {
    this.radices = domain.issues.map((issue) => issue.options.length);
    this.issueCount = this.radices.length;
    this.size = this.radices.reduce((n, r) => n * r, 1);
    if (!Number.isSafeInteger(this.size) || this.size > 5_000_000) throw new Error(`a domain of ${this.size} packages is too large to enumerate`);
    this.options = new Int32Array(this.size * this.issueCount);
    for (let p = 0; p < this.size; p++) {
      let rest = p;
      for (let i = 0; i < this.issueCount; i++) {
        const r = this.radices[i]!;
        this.options[p * this.issueCount + i] = rest % r;
        rest = Math.floor(rest / r);
      }
    }
  }

  option(pkg: number, issue: number): number {
    return this.options[pkg * this.issueCount + issue]!;
  }

  outcome(pkg: number): number[] {
    return Array.from(this.options.subarray(pkg * this.issueCount, (pkg + 1) * this.issueCount));
  }

  indexOf(outcome: Outcome): number {
    let index = 0;
    for (let i = this.issueCount - 1; i >= 0; i--) index = index * this.radices[i]! + outcome[i]!;
    return index;
  }

  /** A side's utility of every package. */
  utilities(prefs: Preferences): Float64Array {
    const out = new Float64Array(this.size);
    for (let p = 0; p < this.size; p++) {
      let u = 0;
      for (let i = 0; i < this.issueCount; i++) u += prefs.weights[i]! * prefs.values[i]![this.options[p * this.issueCount + i]!]!;
      out[p] = u;
    }
    return out;
  }
}

/**
 * One side's view of the package space, computed once per negotiation: its utility of every
 * package and the packages in order of falling utility (ties by package number, so the order
 * never depends on the sort's stability).
 */
export class UtilityTable {
  readonly utilities: Float64Array;
  /** Package numbers, best first. */
  readonly order: Int32Array;
  /** rank[p]: the position of package p in `order`. */
  readonly rank: Int32Array;
  readonly max: number;
  readonly min: number;

  /** `adjust` may rewrite a package's utility, e.g. to rule out packages a side can never sign. */
  constructor(
    readonly space: PackageSpace,
    readonly prefs: Preferences,
    adjust?: (pkg: number, utility: number) => number,
  ) {
    this.utilities = space.utilities(prefs);
    if (adjust) for (let p = 0; p < space.size; p++) this.utilities[p] = adjust(p, this.utilities[p]!);
    const u = this.utilities;
    const order = Array.from({ length: space.size }, (_, p) => p);
    order.sort((a, b) => u[b]! - u[a]! || a - b);
    this.order = Int32Array.from(order);
    this.rank = new Int32Array(space.size);
    for (let r = 0; r < order.length; r++) this.rank[order[r]!] = r;
    this.max = u[order[0]!]!;
    this.min = u[order[order.length - 1]!]!;
  }

  /** The rank of the first package (in `order`) whose utility is at most `level`; size when none is. */
  firstRankAtMost(level: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.utilities[this.order[mid]!]! <= level) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The rank of the last package (in `order`) whose utility is at least `level`; -1 when none is. */
  lastRankAtLeast(level: number): number {
    let lo = 0;
    let hi = this.order.length - 1;
    if (this.utilities[this.order[0]!]! < level) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.utilities[this.order[mid]!]! >= level) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
