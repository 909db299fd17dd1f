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
 * The numbering of a domain's packages in mixed radix (issue 0 varies fastest), without
 * enumerating them: a package costs one integer. Large game domains are searched through this
 * alone (see search-table.ts); PackageSpace adds the enumeration small domains use.
 */
export class PackageNumbering {
  readonly size: number;
  readonly issueCount: number;
  readonly radices: number[];
  /** strides[i]: how much package numbers move when issue i moves by one option. */
  readonly strides: number[];

  constructor(readonly domain: Domain) {
    this.radices = domain.issues.map((issue) => issue.options.length);
    this.issueCount = this.radices.length;
    this.strides = [];
    let size = 1;
    for (const r of this.radices) {
      this.strides.push(size);
      size *= r;
    }
    this.size = size;
    if (!Number.isSafeInteger(this.size))
      throw new Error(`a domain of ${this.size} packages cannot be numbered`);
  }

  option(pkg: number, issue: number): number {
    return Math.floor(pkg / this.strides[issue]!) % this.radices[issue]!;
  }

  outcome(pkg: number): number[] {
    const out: number[] = [];
    let rest = pkg;
    for (let i = 0; i < this.issueCount; i++) {
      const r = this.radices[i]!;
      out.push(rest % r);
      rest = Math.floor(rest / r);
    }
    return out;
  }

  indexOf(outcome: Outcome): number {
    let index = 0;
    for (let i = this.issueCount - 1; i >= 0; i--) index = index * this.radices[i]! + outcome[i]!;
    return index;
  }
}

/**
 * Every package of a small domain, numbered as PackageNumbering does, with each package's options
 * kept in one array: search, frontiers and the benchmark work on these numbers.
 */
export class PackageSpace extends PackageNumbering {
  /** options[p * issueCount + i]: the option of issue i in package p. */
  private readonly options: Int32Array;

  constructor(domain: Domain) {
    super(domain);
    if (this.size > 5_000_000) throw new Error(`a domain of ${this.size} packages is too large to enumerate`);
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

  override option(pkg: number, issue: number): number {
    return this.options[pkg * this.issueCount + issue]!;
  }

  override outcome(pkg: number): number[] {
    return Array.from(this.options.subarray(pkg * this.issueCount, (pkg + 1) * this.issueCount));
  }

  /** A side's utility of every package. */
  utilities(prefs: Preferences): Float64Array {
    const out = new Float64Array(this.size);
    for (let p = 0; p < this.size; p++) {
      let u = 0;
      for (let i = 0; i < this.issueCount; i++)
        u += prefs.weights[i]! * prefs.values[i]![this.options[p * this.issueCount + i]!]!;
      out[p] = u;
    }
    return out;
  }
}

/** Rates a package for the opponent; higher is better for it. */
export type Rater = (pkg: number) => number;

/**
 * A rater that is a weighted sum over the issues, as the frequency opponent model's is: a package
 * is rated `sum_i weights[i] * values[i][option_i]`, added up in issue order. Its structure lets
 * a search bound the rating of packages it has not built yet.
 */
export interface LinearRater extends Rater {
  weights: readonly number[];
  values: readonly (readonly number[])[];
}

export function isLinearRater(rate: Rater): rate is LinearRater {
  return (
    Array.isArray((rate as Partial<LinearRater>).weights) &&
    Array.isArray((rate as Partial<LinearRater>).values)
  );
}

/** Ratings and utilities closer than this are a tie. */
export const TIE = 1e-12;

/**
 * One side's packages ordered by its utility, best first, ties by package number: what the
 * strategies search. UtilityTable enumerates and sorts every package; SearchTable (search-table.ts)
 * finds the same answers by branch and bound, for domains too large to enumerate on every turn.
 * Both give the same answer to every question, draws included (a test holds them to it).
 */
export interface PackageTable {
  readonly numbering: PackageNumbering;
  /** The best and the worst utility of any package. */
  readonly max: number;
  readonly min: number;
  utility(pkg: number): number;
  /** The best package (the lowest-numbered of the best). */
  top(): number;
  /** The package worth the least at or above `level` (the highest-numbered of those tied); the best package when none reaches it. */
  leastAtLeast(level: number): number;
  /**
   * The package `rate` rates highest among those worth between `lo` and `hi` that `allowed` lets
   * through; ties go to my higher utility, then, when `random` is given, to a draw among the
   * packages tied on both (else to the lower package number). -1 when there is none. The draws
   * are those of one pass down the packages in order, keeping a running best: each package that
   * ties the running best on both counts draws once (reservoir sampling, so each of the tied
   * packages ends up chosen with equal chance).
   */
  bestInBand(
    rate: Rater,
    lo: number,
    hi: number,
    allowed?: (pkg: number) => boolean,
    random?: () => number,
  ): number;
  /** The first package, in order, worth at least `floor` that `rate` rates at least `least`; -1 when none is. */
  firstRated(rate: Rater, least: number, floor: number): number;
  /** Visits the packages worth at least `level`, in order, until `visit` returns true. */
  scanFrom(level: number, visit: (pkg: number) => boolean): void;
}

/**
 * One side's view of the package space, computed once per negotiation: its utility of every
 * package and the packages in order of falling utility (ties by package number, so the order
 * never depends on the sort's stability).
 */
export class UtilityTable implements PackageTable {
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

  get numbering(): PackageNumbering {
    return this.space;
  }

  utility(pkg: number): number {
    return this.utilities[pkg]!;
  }

  top(): number {
    return this.order[0]!;
  }

  leastAtLeast(level: number): number {
    return this.order[Math.max(0, this.lastRankAtLeast(level))]!;
  }

  bestInBand(
    rate: Rater,
    lo: number,
    hi: number,
    allowed: (pkg: number) => boolean = () => true,
    random?: () => number,
  ): number {
    const from = this.firstRankAtMost(hi);
    const to = this.lastRankAtLeast(lo);
    let best = -1;
    let bestRating = -Infinity;
    let tied = 0;
    for (let r = from; r <= to; r++) {
      const pkg = this.order[r]!;
      if (!allowed(pkg)) continue;
      const rating = rate(pkg);
      if (rating > bestRating + TIE) {
        best = pkg;
        bestRating = rating;
        tied = 1;
      } else if (
        random &&
        rating >= bestRating - TIE &&
        Math.abs(this.utilities[pkg]! - this.utilities[best]!) <= TIE
      ) {
        // reservoir sampling: each of the tied packages ends up chosen with equal chance
        tied++;
        if (random() * tied < 1) best = pkg;
      }
    }
    return best;
  }

  firstRated(rate: Rater, least: number, floor: number): number {
    for (let k = 0; k < this.order.length && this.utilities[this.order[k]!]! >= floor; k++)
      if (rate(this.order[k]!) >= least) return this.order[k]!;
    return -1;
  }

  scanFrom(level: number, visit: (pkg: number) => boolean): void {
    for (let k = 0; k < this.order.length && this.utilities[this.order[k]!]! >= level; k++)
      if (visit(this.order[k]!)) return;
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
