import seedrandom from 'seedrandom';
import type { AleaState } from './types';

/**
 * Named, independent random streams. Each stream is an alea generator seeded from the game seed
 * and the stream's name, and its state lives in the game state as plain JSON. A draw in one stream
 * never shifts another, so an extra event draw does not change a compliance draw, and the AI's
 * tie-breaks do not change the model.
 */
export type StreamName = 'events' | 'effects' | 'compliance' | 'ai:us' | 'ai:china' | (string & {});

export type RngStates = Record<string, AleaState>;

function generator(seed: string, stream: string, state: AleaState | undefined) {
  if (state) return seedrandom.alea('', { state });
  return seedrandom.alea(`${seed}/${stream}`, { state: true });
}

/**
 * A cursor over the streams of one game state. It copies nothing until a draw, and `states()`
 * gives the updated JSON to store back. Use one per engine step.
 */
export class Streams {
  private readonly live = new Map<string, ReturnType<typeof seedrandom.alea>>();

  constructor(
    private readonly seed: string,
    private readonly saved: RngStates,
  ) {}

  /** A uniform draw in [0, 1) from the named stream. */
  next(stream: StreamName): number {
    let prng = this.live.get(stream);
    if (!prng) {
      prng = generator(this.seed, stream, this.saved[stream]);
      this.live.set(stream, prng);
    }
    return prng();
  }

  /** The stream states after the draws made so far, merged over the saved ones. */
  states(): RngStates {
    const out: RngStates = { ...this.saved };
    for (const [name, prng] of this.live) out[name] = prng.state() as AleaState;
    return sortKeys(out);
  }
}

function sortKeys(states: RngStates): RngStates {
  const sorted: RngStates = {};
  for (const key of Object.keys(states).sort()) sorted[key] = states[key]!;
  return sorted;
}

/** A uniform integer in [0, n). */
export function drawIndex(streams: Streams, stream: StreamName, n: number): number {
  if (n <= 0) throw new Error(`drawIndex needs a positive count, got ${n}`);
  return Math.min(n - 1, Math.floor(streams.next(stream) * n));
}

/** A standard normal variate by Box–Muller, from two uniform draws. */
export function standardNormal(next: () => number): number {
  // 1 - u keeps the logarithm's argument in (0, 1].
  const u1 = 1 - next();
  const u2 = next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A Gamma(shape, 1) variate by Marsaglia and Tsang (2000); shape < 1 uses the boost u^(1/shape). */
export function gamma(next: () => number, shape: number): number {
  if (shape < 1) {
    const boost = Math.pow(1 - next(), 1 / shape);
    return gamma(next, shape + 1) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(next);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * The logarithm of a Gamma(shape, 1) variate. For shape < 1 the boost u^(1/shape) underflows to 0
 * for small shapes (u = 2^-32 and shape = 0.01 give 2^-3200); its logarithm, log(u) / shape, does not.
 */
function logGamma(next: () => number, shape: number): number {
  if (shape < 1) {
    const logBoost = Math.log(1 - next()) / shape;
    return logGamma(next, shape + 1) + logBoost;
  }
  return Math.log(gamma(next, shape));
}

/**
 * A Beta(alpha, beta) variate as the ratio of two gamma variates, x / (x + y). With a shape below
 * 1 it is computed as 1 / (1 + e^(log y − log x)), which stays a number in [0, 1] where x and y
 * would both underflow to 0 and their ratio be 0 / 0.
 */
export function beta(next: () => number, alpha: number, b: number): number {
  if (alpha >= 1 && b >= 1) {
    const x = gamma(next, alpha);
    const y = gamma(next, b);
    return x / (x + y);
  }
  const lx = logGamma(next, alpha);
  const ly = logGamma(next, b);
  return 1 / (1 + Math.exp(ly - lx));
}

/**
 * A normal variate truncated to [min, max] by rejection; after 64 rejections (a window far in
 * the tail) it falls back to the nearer bound so a draw always ends.
 */
export function truncatedNormal(
  next: () => number,
  mean: number,
  sd: number,
  min = -Infinity,
  max = Infinity,
): number {
  for (let i = 0; i < 64; i++) {
    const x = mean + sd * standardNormal(next);
    if (x >= min && x <= max) return x;
  }
  return Math.min(max, Math.max(min, mean));
}

/**
 * A generator for one decision, seeded by the game seed, a stream name and the decision's index
 * (e.g. the move number). An AI's draws live outside the game state, yet a replay of the move
 * log rebuilds them exactly, and one side's decisions never shift the other's or the model's.
 */
export function decisionRng(seed: string, stream: StreamName, index: number): () => number {
  const prng = seedrandom.alea(`${seed}/${stream}/${index}`);
  return () => prng();
}
