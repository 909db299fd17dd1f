import { applyMove, IllegalMoveError, InvalidOptionsError, ModelError, newGame } from '../core/engine';
import { decodeResult, encodeResult, ResultCodeError } from '../core/result-code';
import { LIMITS } from '../core/schema/limits';
import { quote, thousands } from '../core/schema/primitives';
import { formatPath, schemaProblems } from '../core/schema/problems';
import { movesSchema } from '../core/schema/move';
import { checkTextInput, sizeProblems } from '../core/schema/text-input';
import type { GameOptions, GameSpec, GameState, Move, Scenario } from '../core/types';
import { withWords, type Worded } from './explain-words';
import { Match, type Ai } from './match';
import { errorText } from './storage';

/**
 * Games from outside: result codes, move files and move logs, opened into matches or replayed.
 * These are the session's entry points for input it did not make itself, so every function here
 * answers with a result and never throws: a bad input comes back as a message naming the problem.
 */

export type Opened<T> = ({ ok: true } & T) | { ok: false; message: string };

/** Why a game failed to start or replay, in a clause. */
export function failureText(error: unknown): string {
  if (error instanceof InvalidOptionsError) return `its options are invalid (${error.problems.join('; ')})`;
  if (error instanceof IllegalMoveError) return error.message;
  if (error instanceof ModelError) return `the model failed (${error.message})`;
  return errorText(error).slice(0, 300);
}

// --- result codes -------------------------------------------------------------------------------

export type CodeReading =
  | { ok: true; spec: GameSpec; scenario: Scenario }
  | { ok: false; problem: ResultCodeError['problem']; message: string };

/** Read a result code against the scenarios `find` knows. */
export function readResultCode(code: unknown, find: (id: string) => Scenario | undefined): CodeReading {
  if (typeof code !== 'string')
    return { ok: false, problem: 'not-a-code', message: 'a result code is a line of text' };
  try {
    const spec = decodeResult(code, find);
    return { ok: true, spec, scenario: find(spec.scenario.id)! };
  } catch (error) {
    if (error instanceof ResultCodeError)
      return { ok: false, problem: error.problem, message: error.message };
    return { ok: false, problem: 'invalid', message: `the code could not be read (${failureText(error)})` };
  }
}

/** The result code of a game (its scenario must be the one given). */
export function resultCodeOf(scenario: Scenario, spec: GameSpec): string {
  return encodeResult(spec, scenario);
}

const cannotOpen = (why: string) => `This code cannot be opened: ${why}.`;
const doesNotReplay = (why: string) => `This code names a game that does not replay: ${why}.`;

/** A result code opened as a match: the game it records, played on by the AI if it is not over. */
export function openResultCode(
  code: string,
  find: (id: string) => Scenario | undefined,
  decide: Ai,
): Opened<{ match: Match; scenario: Scenario }> {
  const reading = readResultCode(code, find);
  if (!reading.ok) return { ok: false, message: cannotOpen(reading.message) };
  try {
    return {
      ok: true,
      match: Match.resume(reading.scenario, reading.spec, [], decide),
      scenario: reading.scenario,
    };
  } catch (error) {
    return { ok: false, message: doesNotReplay(failureText(error)) };
  }
}

/** The game a result code records, replayed as it stands (no AI plays on): for checking a code someone handed in. */
export function replayResultCode(
  code: string,
  find: (id: string) => Scenario | undefined,
): Opened<{ scenario: Scenario; spec: GameSpec; replayed: Replayed }> {
  const reading = readResultCode(code, find);
  if (!reading.ok) return { ok: false, message: cannotOpen(reading.message) };
  const { scenario, spec } = reading;
  const replayed = replayMoves(scenario, spec.seed, spec.options, spec.moves, 'the code');
  if (!replayed.ok) return { ok: false, message: doesNotReplay(replayed.message) };
  return { ok: true, scenario, spec, replayed };
}

// --- move files and move logs ---------------------------------------------------------------------

/**
 * A move file: a JSON array of moves (README, "The headless simulator"). Its problems are named
 * with the file, the move's number and the field, e.g.
 * `moves.json: move 3 (moves[2].package.beans): an id may only contain …`.
 */
export function parseMoveFile(file: string, text: string): Opened<{ moves: Move[] }> {
  const checked = checkTextInput(text, LIMITS.moveFileChars, 'a move file');
  if (!checked.ok)
    return {
      ok: false,
      message: `${file}${checked.line !== undefined ? `:${checked.line}:${checked.column}` : ''}: ${checked.message}`,
    };
  let data: unknown;
  try {
    data = JSON.parse(checked.text);
  } catch (error) {
    return { ok: false, message: `${file} is not valid JSON: ${errorText(error).slice(0, 200)}` };
  }
  if (!Array.isArray(data))
    return {
      ok: false,
      message: `${file} must hold a JSON array of moves, e.g. [{"type":"walkout","side":"us"}], not ${quote(data)}`,
    };
  if (data.length > LIMITS.moves)
    return {
      ok: false,
      message: `${file} holds ${thousands(data.length)} moves; a game has at most ${LIMITS.moves} (one per side and round)`,
    };
  // Checked before the schema walks it: a move nests three levels, a hostile file 200,000.
  const sized = sizeProblems(data, LIMITS.issues);
  if (sized.length > 0)
    return {
      ok: false,
      message: `${file}: ${formatPath(['moves', ...sized[0]!.path])}: ${sized[0]!.message}`,
    };
  const parsed = movesSchema.safeParse(data);
  if (!parsed.success) {
    const lines = schemaProblems(parsed.error, data).map((p) => {
      const n = typeof p.path[0] === 'number' ? `move ${p.path[0] + 1} ` : '';
      return `${file}: ${n}(${formatPath(['moves', ...p.path])}): ${p.message}`;
    });
    return {
      ok: false,
      message:
        lines.slice(0, LIMITS.problemsShown).join('\n') +
        (lines.length > LIMITS.problemsShown
          ? `\n… and ${lines.length - LIMITS.problemsShown} more problems`
          : ''),
    };
  }
  return { ok: true, moves: parsed.data };
}

/** A move as JSON, cut short if long (a move from a file has passed the schema, so it is small and flat). */
function moveText(move: Move): string {
  const text = JSON.stringify(move);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export interface Replayed {
  states: GameState[];
  explanations: Worded[][];
  final: GameState;
}

/**
 * Replay a move log without any AI: each move must be legal where it falls; a move after the end,
 * or an illegal one, is named with its number (`file` says where the moves came from).
 */
export function replayMoves(
  scenario: Scenario,
  seed: string,
  options: GameOptions,
  moves: readonly Move[],
  file = 'moves',
): Opened<Replayed> {
  let state: GameState;
  try {
    state = newGame(scenario, seed, options);
  } catch (error) {
    return { ok: false, message: `the game cannot start: ${failureText(error)}` };
  }
  const states = [state];
  const explanations: Worded[][] = [];
  for (const [i, move] of moves.entries()) {
    if (state.phase !== 'negotiation')
      return { ok: false, message: `${file}: move ${i + 1} comes after the game has ended` };
    try {
      const result = applyMove(scenario, state, move);
      state = result.state;
      states.push(state);
      explanations.push(withWords(scenario, result.explanations));
    } catch (error) {
      return { ok: false, message: `${file}: move ${i + 1} ${moveText(move)}: ${failureText(error)}` };
    }
  }
  return { ok: true, states, explanations, final: state };
}

/** A game nobody at a screen plays: both sides' players (options.difficulty) play it to its end. */
export function playOut(
  scenario: Scenario,
  seed: string,
  options: GameOptions,
  decide: Ai,
): Opened<{ match: Match }> {
  if (options.humans.length > 0)
    return { ok: false, message: 'a game played out by its players has no human side' };
  try {
    return { ok: true, match: Match.start(scenario, seed, options, decide) };
  } catch (error) {
    return { ok: false, message: `the game cannot be played: ${failureText(error)}` };
  }
}
