import { z } from 'zod';
import { LIMITS } from '../core/schema/limits';
import {
  difficultySchema,
  idSchema,
  quote,
  seedSchema,
  sideSchema,
  thousands,
} from '../core/schema/primitives';
import { formatPath, schemaProblems } from '../core/schema/problems';
import { doctrinesFor } from '../core/scenario-lookup';
import { historyOf } from '../core/history';
import type { Difficulty, Scenario, Side } from '../core/types';

/**
 * The game's URL parameters: a link a teacher hands out, parsed by one schema.
 *
 * - `?scenario=ID[&side=us|china][&difficulty=easy|normal|hard][&doctrine=ID][&seed=TEXT]`: a game
 *   ready to start (the setup screen, filled in). With a seed, every student who opens the link
 *   plays the same game against the same AI.
 * - `?code=bc1-…`: a result code to open (a finished game's debrief, or a game to play on).
 * - `?replay=ID[&step=N]`: the replay of a historical episode, at step N as the replay numbers
 *   them on screen ("Step 3 of 7" is step=3); without a step, at the starting position.
 *
 * Nothing else is accepted: an unknown or repeated parameter is a problem named in the answer,
 * never silently dropped, so a mistyped link says what is wrong with it.
 */

export const LINK_PARAMETERS = ['scenario', 'side', 'difficulty', 'doctrine', 'seed', 'code', 'replay', 'step'] as const;

export const gameLinkSchema = z.strictObject({
  scenario: idSchema,
  side: sideSchema.optional(),
  difficulty: difficultySchema.optional(),
  doctrine: idSchema.optional(),
  seed: seedSchema.min(1, { error: 'must not be empty' }).optional(),
});

export const codeLinkSchema = z.strictObject({
  code: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.codeChars, { error: `a result code has at most ${thousands(LIMITS.codeChars)} characters` }),
});

// The step stays text here: whether it is a whole number in the episode's range is said with the range.
export const replayLinkSchema = z.strictObject({
  replay: idSchema,
  step: z.string().optional(),
});

/** A game a link sets up; anything the link leaves out is the setup screen's default. */
export interface GameLink {
  scenario: Scenario;
  side?: Side;
  difficulty?: Difficulty;
  doctrine?: string;
  seed?: string;
}

export type LinkReading =
  | { kind: 'none' }
  | ({ kind: 'game' } & GameLink)
  | { kind: 'code'; code: string }
  | {
      kind: 'replay';
      scenario: Scenario;
      /** 1-based, as the replay shows it ("Step 3 of 7"); absent for the starting position. */
      step?: number;
    }
  | {
      kind: 'invalid';
      /** Each problem in a sentence, naming the parameter. */
      problems: string[];
    };

/** The parameters of a query string ("?a=1&b=2", with or without the "?"), or the problems that stop reading it. */
export function queryParameters(
  query: string,
): { ok: true; params: Record<string, string> } | { ok: false; problems: string[] } {
  if (query.length > LIMITS.queryChars)
    return {
      ok: false,
      problems: [
        `the link's parameters are ${thousands(query.length)} characters long; a game link has at most ${thousands(LIMITS.queryChars)}`,
      ],
    };
  const text = query.startsWith('?') ? query.slice(1) : query;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const problems: string[] = [];
  if (text === '') return { ok: true, params };
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      problems.push(
        `the parameter ${quote(part)} is not valid URL encoding (a "%" must be followed by two hexadecimal digits)`,
      );
      continue;
    }
    if (!(LINK_PARAMETERS as readonly string[]).includes(key)) {
      problems.push(`unknown parameter ${quote(key)}: a game link takes ${LINK_PARAMETERS.join(', ')}`);
      continue;
    }
    if (key in params) {
      problems.push(`the parameter "${key}" is given twice`);
      continue;
    }
    params[key] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, params };
}

/** What a link asks for, checked against the scenarios the game has. */
export function readLink(query: string, scenarios: readonly Scenario[]): LinkReading {
  const read = queryParameters(query);
  if (!read.ok) return { kind: 'invalid', problems: read.problems };
  const params = read.params;
  if (Object.keys(params).length === 0) return { kind: 'none' };
  // A parameter that belongs to another kind of link is named with the one it cannot go with.
  const invalid = (error: z.ZodError, data: unknown, main: string): LinkReading => ({
    kind: 'invalid',
    problems: schemaProblems(error, data).map((p) =>
      p.message.startsWith('unknown field')
        ? `${p.message.replace('unknown field', 'the parameter')} cannot be combined with "${main}"${p.message === 'unknown field "step"' ? ' ("step" goes with "replay")' : ''}`
        : `the parameter "${formatPath(p.path)}": ${p.message}`,
    ),
  });
  if ('code' in params) {
    const parsed = codeLinkSchema.safeParse({ ...params });
    return parsed.success ? { kind: 'code', code: parsed.data.code } : invalid(parsed.error, params, 'code');
  }
  if ('replay' in params || ('step' in params && !('scenario' in params))) {
    const parsed = replayLinkSchema.safeParse({ ...params });
    return parsed.success ? readReplayLink(parsed.data, scenarios) : invalid(parsed.error, params, 'replay');
  }
  const parsed = gameLinkSchema.safeParse({ ...params });
  if (!parsed.success) return invalid(parsed.error, params, 'scenario');
  const link = parsed.data;
  const scenario = scenarios.find((s) => s.id === link.scenario);
  if (!scenario)
    return {
      kind: 'invalid',
      problems: [
        `the parameter "scenario": this game has no scenario "${link.scenario}" (it has ${scenarios.map((s) => s.id).join(', ')})`,
      ],
    };
  if (link.doctrine !== undefined) {
    const side = link.side ?? 'us';
    const doctrines = doctrinesFor(scenario, side);
    if (!doctrines.some((d) => d.id === link.doctrine)) {
      return {
        kind: 'invalid',
        problems: [
          `the parameter "doctrine": ${scenario.id} has no doctrine "${link.doctrine}" for ${side} (it has ${doctrines.map((d) => d.id).join(', ')})`,
        ],
      };
    }
  }
  return { kind: 'game', ...link, scenario };
}

/** A replay link's scenario and step, checked against the episodes the game has. */
function readReplayLink(link: z.infer<typeof replayLinkSchema>, scenarios: readonly Scenario[]): LinkReading {
  const withHistory = scenarios.filter((s) => s.history !== undefined).map((s) => s.id);
  const which = withHistory.length > 0 ? `the scenarios with a history are ${withHistory.join(', ')}` : 'no scenario here has one';
  const scenario = scenarios.find((s) => s.id === link.replay);
  const problem = (text: string): LinkReading => ({ kind: 'invalid', problems: [text] });
  if (!scenario) return problem(`the parameter "replay": this game has no scenario "${link.replay}" to replay (${which})`);
  if (!scenario.history) return problem(`the parameter "replay": ${scenario.id} has no history to replay (${which})`);
  if (link.step === undefined) return { kind: 'replay', scenario };
  const steps = historyOf(scenario).path.length;
  const range = `the steps of ${scenario.id} are numbered 1 to ${steps}; leave "step" out for the starting position`;
  if (!/^[0-9]+$/.test(link.step)) return problem(`the parameter "step": ${link.step === '' ? 'it is empty' : `${quote(link.step)} is not a whole number`}; ${range}`);
  const step = Number(link.step);
  const digits = link.step.replace(/^0+(?=\d)/, '');
  if (step < 1 || step > steps) return problem(`the parameter "step": there is no step ${digits.length > 12 ? `${digits.slice(0, 12)}…` : digits}; ${range}`);
  return { kind: 'replay', scenario, step };
}

/** The query string of a link to a game (to append to the game's address). */
export function gameLinkQuery(link: Omit<GameLink, 'scenario'> & { scenario: string }): string {
  const parts: string[] = [];
  for (const key of ['scenario', 'side', 'difficulty', 'doctrine', 'seed'] as const) {
    const value = link[key];
    if (value !== undefined) parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return `?${parts.join('&')}`;
}

/** The query string of a link that opens a result code. */
export function codeLinkQuery(code: string): string {
  return `?code=${encodeURIComponent(code)}`;
}

/** The query string of a link to a replay at a position (0, the start, and the aftermath have no step). */
export function replayLinkQuery(scenario: string, position: number, steps: number): string {
  const base = `?replay=${encodeURIComponent(scenario)}`;
  return position >= 1 && position <= steps ? `${base}&step=${position}` : base;
}
