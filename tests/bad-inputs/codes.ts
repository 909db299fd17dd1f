import { defaultOptions } from '../../src/core/engine';
import { encodeResult } from '../../src/core/result-code';
import type { GameSpec, Move, Scenario } from '../../src/core/types';

/**
 * Result-code inputs of the corpus. A code is a literal string, or a recipe applied to a real code:
 * the reference game's, or one encoded from a game this build would not make (another scenario,
 * too many moves) so that its checksum holds and only its content is wrong.
 */
export type CodeRecipe =
  | string
  | {
      from: 'game';
      cut?: number;
      set?: [number, string];
      replace?: [string, string];
      append?: string;
      lastBits?: boolean;
    }
  | {
      encode: {
        as?: Partial<Pick<Scenario, 'id' | 'version'>>;
        seed?: string;
        moves?: Move[];
        repeatMove?: [Move, number];
        options?: Partial<GameSpec['options']>;
      };
    };

/** The reference game: busan-2025, seed 17 (a code whose last character has unused bits), the player the US; a proposal, a rejection and two turns of no offer. */
export function referenceSpec(scenario: Scenario): GameSpec {
  return {
    scenario: { id: scenario.id, version: scenario.version },
    seed: '17',
    options: defaultOptions(scenario, { humans: ['us'] }),
    moves: [
      { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } },
      { type: 'reject', side: 'china' },
      { type: 'hold', side: 'us' },
      { type: 'hold', side: 'china' },
    ],
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function codeInput(recipe: unknown, scenario: Scenario): string {
  const r = recipe as CodeRecipe;
  if (typeof r === 'string') return r;
  const base = referenceSpec(scenario);
  if ('encode' in r) {
    const e = r.encode;
    const moves = e.repeatMove
      ? Array.from({ length: e.repeatMove[1] }, () => e.repeatMove![0])
      : (e.moves ?? base.moves);
    const as = { ...scenario, ...e.as };
    const spec: GameSpec = {
      scenario: { id: as.id, version: as.version },
      seed: e.seed ?? base.seed,
      options: { ...base.options, ...e.options },
      moves,
    };
    return encodeResult(spec, as);
  }
  let code = encodeResult(base, scenario);
  if (r.cut) code = code.slice(0, -r.cut);
  if (r.set) code = code.slice(0, r.set[0]) + r.set[1] + code.slice(r.set[0] + 1);
  if (r.replace) code = code.replace(r.replace[0], r.replace[1]);
  if (r.append) code += r.append;
  if (r.lastBits) {
    // The last character carries bits no byte uses; setting them spells the same bytes another way.
    const last = ALPHABET.indexOf(code.at(-1)!);
    code = code.slice(0, -1) + ALPHABET[last | 1];
  }
  return code;
}
