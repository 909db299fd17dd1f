import type { LinearRater, PackageNumbering, PackageTable, Preferences, Rater } from './domain';
import { isLinearRater, TIE } from './domain';

/**
 * A PackageTable that never enumerates its packages: every question is answered by a depth-first
 * branch and bound over the issues. A package's utility is additive (each issue's option adds
 * `weight * value`), so the best and the worst that the issues still open can add bound every
 * branch; a package must also pass linear floors (a side's ratification: support starts at a base,
 * each issue's option moves it, the sum is clamped to the indicator's range and must reach what is
 * needed), which are not additive in the utility and are checked exactly at each package, with
 * their own bounds pruning branches that cannot reach them. One package (the one that changes
 * nothing) can be left out.
 *
 * The answers are exactly UtilityTable's: utilities and ratings are added up in issue order, as
 * the enumeration adds them, so they are the same floating-point numbers; bounds prune only with a
 * margin (EPS) far above any rounding, so nothing that could qualify is cut; ties are decided as
 * the enumeration's order decides them. bestInBand replays the draws of the enumeration's pass:
 * the only packages of that pass that change its running best or draw are those that beat the
 * running best's rating (the next "record", found here by a bounded search) and those that tie it
 * on rating and utility before the next record (found by a narrow search), so those are all it
 * visits. Packages a side may never sign are worth INFEASIBLE (minus infinity) and are never found.
 */

/** A linear floor on packages: clamp(base + sum_i deltas[i][option_i], min, max) >= needed. */
export interface LinearFloor {
  base: number;
  deltas: readonly (readonly number[])[];
  min: number;
  max: number;
  needed: number;
}

export const INFEASIBLE = -Infinity;

/** Bounds are added up in another order than leaves are: prune only when a bound misses by more than this. */
const EPS = 1e-9;

interface Query {
  /** Utility bounds a package must meet (inclusive); tightened as a search finds better packages. */
  lo: number;
  hi: number;
  /** The rating packages must meet, and the least rating a package may have (inclusive unless strict). */
  rating: Rating | null;
  ratingLo: number;
  strict: boolean;
  /** Explore the options of each issue from the best for me down (else from the worst up). */
  down: boolean;
  /** Called for each package that meets the bounds and floors; returns true to stop the search. */
  leaf(pkg: number, u: number, r: number): boolean;
}

/**
 * A linear rater as per-issue terms (weight times value), with what bounds a branch: for each
 * multiplier theta, sums[k][d] is the most issues d.. can add to `rating + theta * utility`. Both
 * are additive, so a package rated at least R and worth between lo and hi must have
 * `rating + theta * utility` at least R + theta * lo (theta > 0) or R + theta * hi (theta < 0):
 * a Lagrangian bound, which cuts the branches where what I value and what the other side values
 * pull apart (the plain bounds, theta = 0, would let the best of each come from different
 * packages).
 */
interface Rating {
  terms: Float64Array[];
  sums: Float64Array[];
  /** The tail's ratings, made by the first search that needs them and kept for the next ones. */
  tail: TailRating | null;
}

const THETAS = [0, -8, -3, -1, -0.4, 0.4, 1, 3, 8];

export class SearchTable implements PackageTable {
  readonly max: number;
  readonly min: number;
  private readonly n: number;
  /** terms[i][o]: what option o of issue i adds to the utility (weight times value). */
  private readonly terms: Float64Array[];
  private readonly downOrder: Int32Array[];
  private readonly upOrder: Int32Array[];
  /** Sums over issues d.. of the best and worst terms (index d; n holds 0). */
  private readonly sufMax: Float64Array;
  private readonly sufMin: Float64Array;
  /** For each floor: the most its issues d.. can still add. */
  private readonly floorSufMax: Float64Array[];
  private topPkg = -1;
  /** Issues before `split` are branched on; the rest come from `tail`. */
  private readonly split: number;
  private readonly tail: Tail;

  constructor(
    readonly numbering: PackageNumbering,
    readonly prefs: Preferences,
    private readonly floors: readonly LinearFloor[] = [],
    /** A package left out (never found, worth INFEASIBLE), or -1. */
    readonly excluded = -1,
  ) {
    const n = numbering.issueCount;
    this.n = n;
    this.terms = prefs.weights.map((w, i) => Float64Array.from(prefs.values[i]!, (v) => w * v));
    const sorted = (i: number, down: boolean) => {
      const t = this.terms[i]!;
      const order = new Int32Array(t.length);
      for (let o = 0; o < t.length; o++) order[o] = o;
      // comparisons, not differences: a comparator that returns a fraction allocates it
      return order.sort(down ? (a, b) => byDown(t[a]!, t[b]!) || a - b : (a, b) => byDown(t[b]!, t[a]!) || a - b);
    };
    this.downOrder = this.terms.map((_, i) => sorted(i, true));
    this.upOrder = this.terms.map((_, i) => sorted(i, false));
    this.sufMax = new Float64Array(n + 1);
    this.sufMin = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      this.sufMax[i] = this.sufMax[i + 1]! + Math.max(...this.terms[i]!);
      this.sufMin[i] = this.sufMin[i + 1]! + Math.min(...this.terms[i]!);
    }
    this.floorSufMax = floors.map((f) => {
      const suf = new Float64Array(n + 1);
      for (let i = n - 1; i >= 0; i--) suf[i] = suf[i + 1]! + Math.max(...f.deltas[i]!);
      return suf;
    });
    this.split = tailStart(numbering.radices);
    this.tail = buildTail(this.split, numbering.radices, numbering.strides, this.terms, floors);
    this.topPkg = this.findTop();
    this.max = this.topPkg < 0 ? INFEASIBLE : this.utilityOf(this.topPkg);
    this.min = this.excluded >= 0 || this.anyBelowFloor() ? INFEASIBLE : this.findBottom();
  }

  /** The utility of a package as the enumeration computes it, before the floors. */
  private utilityOf(pkg: number): number {
    let u = 0;
    for (let i = 0; i < this.n; i++) u += this.terms[i]![this.numbering.option(pkg, i)]!;
    return u;
  }

  /** Whether a package passes every floor, computed as the sides' ratification computes it. */
  feasible(pkg: number): boolean {
    if (pkg === this.excluded) return false;
    for (const f of this.floors) {
      let s = f.base;
      for (let i = 0; i < this.n; i++) s += f.deltas[i]![this.numbering.option(pkg, i)]!;
      if (Math.min(f.max, Math.max(f.min, s)) < f.needed) return false;
    }
    return true;
  }

  utility(pkg: number): number {
    return this.feasible(pkg) ? this.utilityOf(pkg) : INFEASIBLE;
  }

  top(): number {
    // with nothing feasible every package is worth INFEASIBLE, and the order starts with package 0
    return this.topPkg >= 0 ? this.topPkg : 0;
  }

  leastAtLeast(level: number): number {
    if (level === INFEASIBLE)
      throw new Error('SearchTable does not search packages that can never be signed');
    let best = -1;
    let bestU = Infinity;
    const q = this.query(level, Infinity, false, (pkg, u) => {
      if (u < bestU || (u === bestU && pkg > best)) {
        best = pkg;
        bestU = u;
        q.hi = u;
      }
      return false;
    });
    this.search(q);
    return best >= 0 ? best : this.top();
  }

  bestInBand(
    rate: Rater,
    lo: number,
    hi: number,
    allowed: (pkg: number) => boolean = () => true,
    random?: () => number,
  ): number {
    const terms = this.ratingTerms(rate);
    let best = -1;
    let bestU = NaN;
    let bestRating = -Infinity;
    let tied = 0;
    // the last record: the pass continues below it in order
    let cursor: { pkg: number; u: number } | null = null;
    for (;;) {
      const record = this.firstAfter(cursor, lo, hi, terms, bestRating + TIE, true, allowed);
      if (random && best >= 0) {
        // the packages between this record and the next that tie the running best on rating and utility
        for (const t of this.tiesBetween(cursor!, record, bestU, bestRating, lo, hi, terms, allowed)) {
          if (Math.abs(t.u - bestU) <= TIE) {
            tied++;
            if (random() * tied < 1) {
              best = t.pkg;
              bestU = t.u;
            }
          }
        }
      }
      if (!record) return best;
      best = record.pkg;
      bestU = record.u;
      bestRating = record.r;
      tied = 1;
      cursor = record;
    }
  }

  firstRated(rate: Rater, least: number, floor: number): number {
    return (
      this.firstAfter(null, floor, Infinity, this.ratingTerms(rate), least, false, () => true)?.pkg ?? -1
    );
  }

  scanFrom(level: number, visit: (pkg: number) => boolean): void {
    const found: { pkg: number; u: number }[] = [];
    this.search(this.query(level, Infinity, true, (pkg, u) => (found.push({ pkg, u }), false)));
    found.sort((a, b) => byDown(a.u, b.u) || a.pkg - b.pkg);
    for (const f of found) if (visit(f.pkg)) return;
  }

  // -------------------------------------------------------------------------------------------

  private query(lo: number, hi: number, down: boolean, leaf: Query['leaf']): Query {
    return { lo, hi, rating: null, ratingLo: -Infinity, strict: false, down, leaf };
  }

  /** The rating terms of each rater this table was asked about (a strategy asks several questions with one rater). */
  // made at the first question: most tables (those shared between games) are asked none
  private ratings: WeakMap<Rater, Rating> | null = null;

  private ratingTerms(rate: Rater): Rating {
    this.ratings ??= new WeakMap();
    let rating = this.ratings.get(rate);
    if (!rating) this.ratings.set(rate, (rating = this.newRating(rate)));
    return rating;
  }

  private newRating(rate: Rater): Rating {
    if (!isLinearRater(rate))
      throw new Error('SearchTable needs a rater that is a weighted sum over the issues');
    const r: LinearRater = rate;
    const terms = r.weights.map((w, i) => Float64Array.from(r.values[i]!, (v) => w * v));
    // one buffer for all the multipliers' sums (see buildTail)
    const all = new Float64Array(THETAS.length * (this.n + 1));
    const sums = THETAS.map((theta, k) => {
      const suf = all.subarray(k * (this.n + 1), (k + 1) * (this.n + 1));
      for (let i = this.n - 1; i >= 0; i--) {
        let most = -Infinity;
        for (let o = 0; o < terms[i]!.length; o++)
          most = Math.max(most, terms[i]![o]! + theta * this.terms[i]![o]!);
        suf[i] = suf[i + 1]! + most;
      }
      return suf;
    });
    return { terms, sums, tail: null };
  }

  /**
   * The first package in order (highest utility, then lowest number) strictly after `cursor`,
   * worth between lo and hi, rated above `least` (or at least `least` when not strict), that
   * `allowed` lets through; null when there is none.
   */
  private firstAfter(
    cursor: { pkg: number; u: number } | null,
    lo: number,
    hi: number,
    terms: Rating,
    least: number,
    strict: boolean,
    allowed: (pkg: number) => boolean,
  ) {
    let found: { pkg: number; u: number; r: number } | null = null;
    const q: Query = {
      lo,
      hi: cursor ? Math.min(hi, cursor.u) : hi,
      rating: terms,
      ratingLo: least,
      strict,
      down: true,
      leaf: (pkg, u, r) => {
        if (cursor && !(u < cursor.u || (u === cursor.u && pkg > cursor.pkg))) return false;
        if (found && !(u > found.u || (u === found.u && pkg < found.pkg))) return false;
        if (!allowed(pkg)) return false;
        found = { pkg, u, r };
        q.lo = Math.max(q.lo, u);
        return false;
      },
    };
    this.search(q);
    return found as { pkg: number; u: number; r: number } | null;
  }

  /**
   * The packages after `from` and before `to` in order (to the end of the band when `to` is null)
   * whose rating is within TIE of `rating` or above and whose utility is within a few TIE of `u`:
   * every package of the pass that may draw against the running best. In order.
   */
  private tiesBetween(
    from: { pkg: number; u: number },
    to: { pkg: number; u: number } | null,
    u: number,
    rating: number,
    lo: number,
    hi: number,
    terms: Rating,
    allowed: (pkg: number) => boolean,
  ) {
    const out: { pkg: number; u: number }[] = [];
    const after = (a: { pkg: number; u: number }, b: { pkg: number; u: number }) =>
      a.u < b.u || (a.u === b.u && a.pkg > b.pkg);
    const q: Query = {
      lo: Math.max(lo, u - 4 * TIE),
      hi: Math.min(hi, u + 4 * TIE),
      rating: terms,
      ratingLo: rating - TIE,
      strict: false,
      down: true,
      leaf: (pkg, pu) => {
        const p = { pkg, u: pu };
        if (after(p, from) && (to === null || after(to, p)) && allowed(pkg)) out.push(p);
        return false;
      },
    };
    this.search(q);
    return out.sort((a, b) => byDown(a.u, b.u) || a.pkg - b.pkg);
  }

  private findTop(): number {
    let best = -1;
    let bestU = -Infinity;
    const q = this.query(-Infinity, Infinity, true, (pkg, u) => {
      if (u > bestU || (u === bestU && pkg < best)) {
        best = pkg;
        bestU = u;
        q.lo = u;
      }
      return false;
    });
    this.search(q);
    return best;
  }

  private findBottom(): number {
    let bestU = Infinity;
    const q = this.query(-Infinity, Infinity, false, (_pkg, u) => {
      if (u < bestU) {
        bestU = u;
        q.hi = u;
      }
      return false;
    });
    this.search(q);
    return bestU;
  }

  /** Whether some package fails a floor (then the worst utility is INFEASIBLE): the one lowest on each issue does if any does. */
  private anyBelowFloor(): boolean {
    return this.floors.some((f) => {
      let s = f.base;
      for (let i = 0; i < this.n; i++) s += Math.min(...f.deltas[i]!);
      return Math.min(f.max, Math.max(f.min, s)) < f.needed;
    });
  }

  /**
   * The search itself. The first `split` issues are branched on depth first, each option's branch
   * cut when a bound fails; the remaining issues' combinations are in `tail`, sorted by what they
   * add to the utility, so at the end of a branch the packages within the utility bounds are a
   * run of the tail found by binary search (this is what makes "the most I can have below a
   * level" cheap: a sum of many small terms, which bounds alone prune badly).
   */
  private search(q: Query): void {
    const { split, floors, terms, sufMax, sufMin } = this;
    const fc = floors.length;
    const tailRating = q.rating ? (q.rating.tail ??= this.tailRating(q.rating)) : null;
    // the floors' sums, and a branch's utility and rating so far, by depth (fractions passed down
    // a recursion as arguments are allocated at every call, read from a typed array they are
    // not), in a buffer the table keeps for its searches; a search started from inside another
    // (by a leaf's callback) makes its own
    const size = (split + 1) * Math.max(1, fc);
    const own = !this.searching;
    const buffer = own ? (this.buffer ??= new Float64Array(size + 2 * (split + 1))) : new Float64Array(size + 2 * (split + 1));
    const sums = buffer.subarray(0, size);
    const us = buffer.subarray(size, size + split + 1);
    const rs = buffer.subarray(size + split + 1);
    for (let k = 0; k < fc; k++) sums[k] = floors[k]!.base;
    us[0] = 0;
    rs[0] = 0;
    const strides = this.numbering.strides;
    const visit = (d: number, pkg: number): boolean => {
      if (d === split) return this.scanTail(q, pkg, us, rs, sums, d * fc, tailRating);
      const u = us[d]!;
      const r = rs[d]!;
      const order = q.down ? this.downOrder[d]! : this.upOrder[d]!;
      const dterms = terms[d]!;
      const rterms = q.rating ? q.rating.terms[d]! : null;
      for (let j = 0; j < order.length; j++) {
        const o = order[j]!;
        const nu = u + dterms[o]!;
        if (nu + sufMax[d + 1]! < q.lo - EPS || nu + sufMin[d + 1]! > q.hi + EPS) continue;
        let nr = r;
        if (rterms) {
          nr = r + rterms[o]!;
          if (this.ratingCut(q, d + 1, nu, nr)) continue;
        }
        let cut = false;
        for (let k = 0; k < fc && !cut; k++) {
          const f = floors[k]!;
          const sum = sums[d * fc + k]! + f.deltas[d]![o]!;
          sums[(d + 1) * fc + k] = sum;
          if (Math.min(f.max, Math.max(f.min, sum + this.floorSufMax[k]![d + 1]!)) < f.needed - EPS)
            cut = true;
        }
        if (cut) continue;
        us[d + 1] = nu;
        rs[d + 1] = nr;
        if (visit(d + 1, pkg + o * strides[d]!)) return true;
      }
      return false;
    };
    this.searching = true;
    try {
      visit(0, 0);
    } finally {
      if (own) this.searching = false;
    }
  }

  /** Whether a search is under way, and the buffer searches use (made at the first). */
  private searching = false;
  private buffer: Float64Array | null = null;

  /**
   * The packages that complete a branch (package number, utility and rating so far at us[split]
   * and rs[split], floor sums at sums[at..]) with the tail's combinations: those within the
   * query's bounds, from the best for me down (or the worst up), each checked exactly before it
   * is reported.
   */
  private scanTail(
    q: Query,
    pkg: number,
    us: Float64Array,
    rs: Float64Array,
    sums: Float64Array,
    at: number,
    rating: TailRating | null,
  ): boolean {
    const u = us[this.split]!;
    const r = rs[this.split]!;
    const tail = this.tail;
    const tu = tail.u;
    const fc = this.floors.length;
    // tu falls with the index: the run is [first, last]. A scan down needs only its first index
    // (it stops at the first combination below the query's lo, which it checks anyway), a scan up
    // only its last; the other end is only to know the run is not empty
    const count = tail.count;
    let first: number;
    let last: number;
    if (q.down) {
      const top = q.hi - u + EPS;
      first = 0;
      let hiIndex = count;
      while (first < hiIndex) {
        const mid = (first + hiIndex) >> 1;
        if (tu[mid]! > top) first = mid + 1;
        else hiIndex = mid;
      }
      if (first >= count || tu[first]! < q.lo - u - EPS) return false;
      last = count - 1;
    } else {
      const bottom = q.lo - u - EPS;
      last = count - 1;
      let loIndex = -1;
      while (loIndex < last) {
        const mid = (loIndex + last + 1) >> 1;
        if (tu[mid]! >= bottom) loIndex = mid;
        else last = mid - 1;
      }
      if (last < 0 || tu[last]! > q.hi - u + EPS) return false;
      first = 0;
    }
    const step = q.down ? 1 : -1;
    for (let i = q.down ? first : last; q.down ? i <= last : i >= first; i += step) {
      const tuI = tu[i]!;
      if (q.down ? u + tuI < q.lo - EPS : u + tuI > q.hi + EPS) break;
      if (rating) {
        if (r + rating.blockMax[i >> BLOCK_BITS]! < q.ratingLo - EPS) {
          // nothing in this block is rated high enough: go to its far end
          i = q.down ? (((i >> BLOCK_BITS) + 1) << BLOCK_BITS) - 1 : (i >> BLOCK_BITS) << BLOCK_BITS;
          continue;
        }
        if (r + rating.r[i]! < q.ratingLo - EPS) continue;
      }
      let out = false;
      for (let k = 0; k < fc && !out; k++) {
        const f = this.floors[k]!;
        if (Math.min(f.max, Math.max(f.min, sums[at + k]! + tail.floor[k]![i]!)) < f.needed - EPS) out = true;
      }
      if (out) continue;
      if (this.exactLeaf(q, pkg + tail.offset[i]!, i, us, rs, sums, at)) return true;
    }
    return false;
  }

  /** The exact checks of one package, adding the tail's terms in issue order as the enumeration adds them. */
  private exactLeaf(
    q: Query,
    pkg: number,
    entry: number,
    us: Float64Array,
    rs: Float64Array,
    sums: Float64Array,
    at: number,
  ): boolean {
    if (pkg === this.excluded) return false;
    const { split, n, terms, tail } = this;
    let u = us[split]!;
    let r = rs[split]!;
    const options = tail.options;
    const base = tail.order[entry]! * (n - split);
    for (let i = split; i < n; i++) u += terms[i]![options[base + i - split]!]!;
    if (u < q.lo || u > q.hi) return false;
    if (q.rating) {
      const rt = q.rating.terms;
      for (let i = split; i < n; i++) r += rt[i]![options[base + i - split]!]!;
      if (q.strict ? !(r > q.ratingLo) : !(r >= q.ratingLo)) return false;
    }
    for (let k = 0; k < this.floors.length; k++) {
      const f = this.floors[k]!;
      let sum = sums[at + k]!;
      for (let i = split; i < n; i++) sum += f.deltas[i]![options[base + i - split]!]!;
      if (Math.min(f.max, Math.max(f.min, sum)) < f.needed) return false;
    }
    return q.leaf(pkg, u, r);
  }

  /**
   * What a rater gives each of the tail's combinations, and the most any block of them gets.
   * It also tightens the rating's bounds: the tail's combinations are all known, so the most
   * they add to `rating + theta * utility` is their own best, not the sum of each tail issue's
   * best (which may come from different combinations); fewer branches reach a tail that has
   * nothing for them.
   */
  private tailRating(rating: Rating): TailRating {
    const { tail, split, terms } = this;
    const both = new Float64Array(tail.count + (tail.count >> BLOCK_BITS) + 1);
    const r = both.subarray(0, tail.count);
    const blockMax = both.subarray(tail.count).fill(-Infinity);
    // the ratings in the shape's numbering, as buildTail makes the utilities, then in the tail's order
    const raw = scratch(tail.count);
    tailSums(split, this.numbering.radices, rating.terms, raw);
    for (let e = 0; e < tail.count; e++) {
      const sum = raw[tail.order[e]!]!;
      r[e] = sum;
      if (sum > blockMax[e >> BLOCK_BITS]!) blockMax[e >> BLOCK_BITS] = sum;
    }
    for (let k = 0; k < THETAS.length; k++) {
      const theta = THETAS[k]!;
      let most = -Infinity;
      for (let e = 0; e < tail.count; e++) most = Math.max(most, r[e]! + theta * tail.u[e]!);
      const suf = rating.sums[k]!;
      if (!(most < suf[split]!)) continue;
      suf[split] = most;
      for (let i = split - 1; i >= 0; i--) {
        let best = -Infinity;
        for (let o = 0; o < terms[i]!.length; o++) best = Math.max(best, rating.terms[i]![o]! + theta * terms[i]![o]!);
        suf[i] = suf[i + 1]! + best;
      }
    }
    return { r, blockMax };
  }

  /** Whether no package below this branch (depth d, utility and rating so far) can meet the query's rating and utility bounds. */
  private ratingCut(q: Query, d: number, u: number, r: number): boolean {
    const sums = q.rating!.sums;
    for (let k = 0; k < THETAS.length; k++) {
      const theta = THETAS[k]!;
      const most = r + theta * u + sums[k]![d]!;
      const least =
        theta > 0 ? q.ratingLo + theta * q.lo : theta < 0 ? q.ratingLo + theta * q.hi : q.ratingLo;
      if (most < least - EPS * (1 + Math.abs(theta))) return true;
    }
    return false;
  }
}

/**
 * The combinations of the last issues, sorted by what they add to the utility (most first): for
 * each, its options, what it adds to the package number and to each floor.
 */
interface Tail {
  count: number;
  u: Float64Array;
  offset: Int32Array;
  /** order[k]: the combination (as TailShape numbers them) k-th in the sorted order; its options are at options[order[k] * width]. */
  order: Int32Array;
  options: Int32Array;
  floor: Float64Array[];
}

interface TailRating {
  r: Float64Array;
  /** The highest rating in each block of 2^BLOCK_BITS consecutive combinations. */
  blockMax: Float64Array;
}

const BLOCK_BITS = 3;

/** How many of the last issues go in the tail: as many as keep it within about twice the square root of the package count. */
function tailStart(radices: readonly number[]): number {
  const size = radices.reduce((a, b) => a * b, 1);
  const most = Math.max(64, 2 * Math.ceil(Math.sqrt(size)));
  let start = radices.length;
  let count = 1;
  while (start > 0 && count * radices[start - 1]! <= most) count *= radices[--start]!;
  return start;
}

/**
 * What a tail's combinations are whatever the terms: for each (in the order its number counts
 * them, the first tail issue fastest), its options and what it adds to the package number. The
 * same for every table of a numbering, so made once per radices and tail start.
 */
interface TailShape {
  count: number;
  width: number;
  options: Int32Array;
  offset: Int32Array;
  /** The sorted order of the last tail built on this shape: the next one's terms are often close. */
  lastOrder: Int32Array | null;
}

const TAIL_SHAPES = new Map<string, TailShape>();
/** A few dozen shapes at most in practice (one per scenario and set of options); emptied past this. */
const TAIL_SHAPES_KEPT = 256;

function tailShape(start: number, radices: readonly number[], strides: readonly number[]): TailShape {
  const key = `${start}:${radices.join(',')}`;
  let shape = TAIL_SHAPES.get(key);
  if (shape) return shape;
  const n = radices.length;
  const width = n - start;
  let count = 1;
  for (let i = start; i < n; i++) count *= radices[i]!;
  const options = new Int32Array(count * width);
  const offset = new Int32Array(count);
  for (let e = 0; e < count; e++) {
    let rest = e;
    let off = 0;
    for (let i = start; i < n; i++) {
      const o = rest % radices[i]!;
      rest = Math.floor(rest / radices[i]!);
      options[e * width + i - start] = o;
      off += o * strides[i]!;
    }
    offset[e] = off;
  }
  if (TAIL_SHAPES.size >= TAIL_SHAPES_KEPT) TAIL_SHAPES.clear();
  shape = { count, width, options, offset, lastOrder: null };
  TAIL_SHAPES.set(key, shape);
  return shape;
}

function buildTail(
  start: number,
  radices: readonly number[],
  strides: readonly number[],
  terms: readonly Float64Array[],
  floors: readonly LinearFloor[],
): Tail {
  const shape = tailShape(start, radices, strides);
  const { count } = shape;
  const rawOffset = shape.offset;
  // one buffer for the utilities and the floors' sums, one for the offsets: a typed array's
  // buffer costs more to make (and to collect) than its size says
  const fc = floors.length;
  const sums = new Float64Array(count * (1 + fc));
  const u = sums.subarray(0, count);
  const raw = scratch(count);
  tailSums(start, radices, terms, raw);
  const order = sortTail(raw, rawOffset, shape.lastOrder);
  shape.lastOrder = order;
  const offset = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const e = order[k]!;
    u[k] = raw[e]!;
    offset[k] = rawOffset[e]!;
  }
  const floor = floors.map((f, fi) => {
    tailSums(start, radices, f.deltas, raw);
    const sorted = sums.subarray((1 + fi) * count, (2 + fi) * count);
    for (let k = 0; k < count; k++) sorted[k] = raw[order[k]!]!;
    return sorted;
  });
  return { count, u, offset, order, options: shape.options, floor };
}

let ORDER_SCRATCH = new Int32Array(1024);

/** A buffer for the raw sums of the tail being built (one tail is built at a time). */
let SCRATCH = new Float64Array(1024);
function scratch(count: number): Float64Array {
  if (SCRATCH.length < count) SCRATCH = new Float64Array(count);
  return SCRATCH.subarray(0, count);
}

/**
 * For each combination of the tail issues (numbered as TailShape numbers them), the sum of its
 * rows' entries, added in issue order from 0 as the enumeration adds them (so the same numbers):
 * an odometer with the last issue turning fastest, so each sum of the first issues is added once
 * for all the combinations that share it.
 */
function tailSums(start: number, radices: readonly number[], rows: readonly ArrayLike<number>[], out: Float64Array): void {
  const width = radices.length - start;
  const pre = new Float64Array(width + 1);
  const digits = new Int32Array(width);
  const strides = new Int32Array(width);
  for (let j = 0, s = 1; j < width; j++) {
    strides[j] = s;
    s *= radices[start + j]!;
  }
  for (let j = 0; j < width; j++) pre[j + 1] = pre[j]! + rows[start + j]![0]!;
  let e = 0;
  for (;;) {
    out[e] = pre[width]!;
    let d = width - 1;
    while (d >= 0) {
      digits[d] = digits[d]! + 1;
      e += strides[d]!;
      if (digits[d]! < radices[start + d]!) break;
      e -= digits[d]! * strides[d]!;
      digits[d] = 0;
      d--;
    }
    if (d < 0) return;
    for (let j = d; j < width; j++) pre[j + 1] = pre[j]! + rows[start + j]![digits[j]!]!;
  }
}

/**
 * The combinations' order: utility down, then package offset up (a strict total order, the
 * offsets being distinct, so any correct sort gives it). A natural merge sort started from the
 * last tail's order, which the next table's terms mostly keep: its runs are long and few merges
 * are needed, and the comparisons are written out rather than made through a comparator.
 */
export function sortTail(u: Float64Array, offset: Int32Array, hint: Int32Array | null): Int32Array {
  const count = u.length;
  const out = new Int32Array(count);
  let a = out;
  if (hint && hint.length === count) a.set(hint);
  else for (let e = 0; e < count; e++) a[e] = e;
  // the other half of each merge: a buffer kept between sorts (one is made at a time)
  if (ORDER_SCRATCH.length < count) ORDER_SCRATCH = new Int32Array(count);
  let b = ORDER_SCRATCH.subarray(0, count);
  // before(x, y): x comes first; as the comparator byDown(u[x], u[y]) || offset[x] - offset[y] orders them
  for (;;) {
    // merge neighbouring runs of a into b; done when a is one run
    let runs = 0;
    let i = 0;
    while (i < count) {
      let mid = i + 1;
      while (mid < count) {
        const x = a[mid - 1]!;
        const y = a[mid]!;
        const ux = u[x]!;
        const uy = u[y]!;
        if (uy > ux || (!(uy < ux) && offset[y]! < offset[x]!)) break;
        mid++;
      }
      runs++;
      if (mid >= count) {
        for (let k = i; k < count; k++) b[k] = a[k]!;
        break;
      }
      let end = mid + 1;
      while (end < count) {
        const x = a[end - 1]!;
        const y = a[end]!;
        const ux = u[x]!;
        const uy = u[y]!;
        if (uy > ux || (!(uy < ux) && offset[y]! < offset[x]!)) break;
        end++;
      }
      let p = i;
      let q = mid;
      let k = i;
      while (p < mid && q < end) {
        const x = a[p]!;
        const y = a[q]!;
        const ux = u[x]!;
        const uy = u[y]!;
        // y first when y is before x
        if (uy > ux || (!(uy < ux) && offset[y]! < offset[x]!)) {
          b[k++] = y;
          q++;
        } else {
          b[k++] = x;
          p++;
        }
      }
      while (p < mid) b[k++] = a[p++]!;
      while (q < end) b[k++] = a[q++]!;
      i = end;
    }
    if (runs <= 1) {
      if (b !== out) out.set(b);
      return out;
    }
    const t = a;
    a = b;
    b = t;
  }
}

/**
 * The sign of b - a as a small integer, for sorting down: the same order as `b - a` (equal, or
 * both infinite the same way, compares 0), without the number a comparator returning a
 * fraction allocates at every comparison.
 */
export function byDown(a: number, b: number): number {
  return b > a ? 1 : b < a ? -1 : 0;
}
