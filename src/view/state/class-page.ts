import type { Scenario } from '../../core/types';
import {
  classDebrief,
  parseCodeList,
  scenariosOf,
  verifyCodes,
  type ClassDebrief,
  type RejectedEntry,
  type VerifiedGame,
} from '../../session/class-debrief';

/**
 * The class page from result codes (no server): the list the teacher handed in, what it
 * verified to, and the class debrief of one scenario's games. Pure, so it runs in Node.
 */

export interface ClassPageState {
  /** The text last read (pasted, or a file's), and the file's name when it came from one. */
  readonly text: string;
  readonly source: string | null;
  /** Why the list as a whole could not be read (too large, not text). */
  readonly problem: string | null;
  readonly games: readonly VerifiedGame[];
  readonly rejected: readonly RejectedEntry[];
  /** The scenario whose games the debrief shows (a list may mix scenarios: the one with most games first). */
  readonly scenarioId: string | null;
  readonly debrief: ClassDebrief | null;
}

export const EMPTY_CLASS_PAGE: ClassPageState = {
  text: '',
  source: null,
  problem: null,
  games: [],
  rejected: [],
  scenarioId: null,
  debrief: null,
};

export type ClassPageAction =
  | { type: 'class-read-codes'; text: string; source?: string }
  | { type: 'class-show-scenario'; id: string }
  | { type: 'class-clear' };

/** The debrief of one scenario's verified games, or null when none is of it. */
function debriefOf(games: readonly VerifiedGame[], id: string | null): ClassDebrief | null {
  const of = games.filter((g) => g.scenario.id === id);
  if (of.length === 0) return null;
  return classDebrief(
    of[0]!.scenario,
    of.map((g) => ({ name: g.name, line: g.line, code: g.code, spec: g.spec })),
  );
}

/** Read and verify a list of codes and build the class debrief of its main scenario. */
export function readCodes(
  find: (id: string) => Scenario | undefined,
  text: string,
  source: string | null,
): ClassPageState {
  const parsed = parseCodeList(text);
  if (parsed.problem) return { ...EMPTY_CLASS_PAGE, text: text.slice(0, 20_000), source, problem: parsed.problem };
  const verified = verifyCodes(parsed.entries, find);
  const rejected = [...parsed.rejected, ...verified.rejected].sort((a, b) => a.line - b.line);
  const scenarioId = scenariosOf(verified.games)[0]?.id ?? null;
  return {
    text,
    source,
    problem: null,
    games: verified.games,
    rejected,
    scenarioId,
    debrief: debriefOf(verified.games, scenarioId),
  };
}

export function showScenario(page: ClassPageState, id: string): ClassPageState {
  if (id === page.scenarioId || !page.games.some((g) => g.scenario.id === id)) return page;
  return { ...page, scenarioId: id, debrief: debriefOf(page.games, id) };
}

/** What a screen reader hears once a list is read. */
export function readAnnouncement(page: ClassPageState): string {
  if (page.problem) return page.problem;
  const n = page.games.length;
  const r = page.rejected.length;
  return `${n} game${n === 1 ? '' : 's'} verified${r ? `, ${r} line${r === 1 ? '' : 's'} rejected (listed with the reasons)` : ''}.${page.debrief ? ` ${page.debrief.scenario.title}: ${page.debrief.summary[0]}` : ''}`;
}
