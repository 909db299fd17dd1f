import { issueOf, positionOf } from '../core/scenario-lookup';
import { thousands } from '../core/schema/primitives';
import { checkTextInput } from '../core/schema/text-input';
import type { GameSpec, GameState, OutcomeKind, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import { toCsv } from './csv';
import { dealChart, type ChartGame, type DealChart } from './deal-chart';
import { fmt } from './format';
import { replayResultCode } from './games';
import { ratingsJson } from './outcome';
import { visibleText } from './visible-text';

/**
 * A class's games brought together: the result codes a teacher collects (pasted, or a text or
 * CSV file of them), each verified by replaying it, and the class debrief built from the games
 * that replay: every game on one deal chart, the ratings per side, the chips the deals held,
 * deals against breakdowns, and the exports. Pure, so the live class (whose games arrive as
 * specs from the server) builds the same debrief from `classDebrief`.
 */

/** Bounds on what a teacher hands in (a class of a few hundred is far above any room). */
export const CLASS_LIMITS = {
  listChars: 2_000_000,
  codes: 500,
  /** A student's display name, as typed before the code is made or as the class server keeps it. */
  nameChars: 60,
} as const;

/** One line of the list that holds a code: who handed it in (if the line says) and the code. */
export interface CodeEntry {
  /** 1-based line number in the text or file, for messages. */
  line: number;
  name: string;
  code: string;
}

/** A line or a code that did not make it into the class, and why: never dropped silently. */
export interface RejectedEntry {
  line: number;
  name: string;
  /** The code as handed in (cut short), or the line's text if it held none. */
  text: string;
  reason: string;
}

export interface VerifiedGame {
  line: number;
  name: string;
  code: string;
  scenario: Scenario;
  spec: GameSpec;
  final: GameState;
}

/** A result code as the game writes it: "bc", a format version, a dash, base64url. */
const CODE = /bc\d{1,3}-[A-Za-z0-9_-]+/;
/** Characters a spreadsheet or a hand-typed list puts around a name: quotes and separators. */
const NAME_EDGES = /^[\s"',;:\t|–—-]+|[\s"',;:\t|–—-]+$/g;

/**
 * A display name as it is kept: one line of what it shows, at most CLASS_LIMITS.nameChars. The
 * same cleaning as a class server's names (visible-text.ts): a pasted list kept bidirectional
 * overrides (a name with U+202E shown reversed, and everything after it on its line), zero-width
 * characters and marks stacked by the dozen.
 */
export function cleanName(text: string): string {
  return [...visibleText(text)].slice(0, CLASS_LIMITS.nameChars).join('');
}

/** What a student hands in: their name and their game's code on one line, which `parseCodeList` reads back. */
export function handInLine(name: string, code: string): string {
  const n = cleanName(name);
  return n ? `${n}: ${code}` : code;
}

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Read a list of result codes: one a line, each optionally with the student's name before it
 * ("Ana Li: bc1-…", or a CSV row "Ana Li,bc1-…"); blank lines and a header line without a code
 * are skipped, and any other line without a code is listed with its reason.
 */
export function parseCodeList(text: string): { entries: CodeEntry[]; rejected: RejectedEntry[]; problem: string | null } {
  const checked = checkTextInput(text, CLASS_LIMITS.listChars, 'a list of result codes');
  if (!checked.ok) return { entries: [], rejected: [], problem: `The list cannot be read: ${checked.message}.` };
  const entries: CodeEntry[] = [];
  const rejected: RejectedEntry[] = [];
  const lines = checked.text.split(/\r\n|\r|\n/);
  let seenContent = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = CODE.exec(line);
    if (!match) {
      // A spreadsheet's header row ("name,code") is not a problem; any other line without a code is.
      if (!seenContent && /code/i.test(line)) {
        seenContent = true;
        continue;
      }
      seenContent = true;
      rejected.push({ line: i + 1, name: '', text: cut(line), reason: 'this line holds no result code (a code starts with “bc1-”)' });
      continue;
    }
    seenContent = true;
    if (entries.length >= CLASS_LIMITS.codes) {
      rejected.push({ line: i + 1, name: '', text: cut(match[0]), reason: `a class page takes at most ${thousands(CLASS_LIMITS.codes)} codes` });
      continue;
    }
    entries.push({ line: i + 1, name: cleanName(line.slice(0, match.index).replace(NAME_EDGES, '')), code: match[0] });
  }
  return { entries, rejected, problem: null };
}

/**
 * Verify each code by replaying it: a code that cannot be read, does not replay, records a game
 * that is not over, or repeats an earlier line's game is rejected with its reason.
 */
export function verifyCodes(
  entries: readonly CodeEntry[],
  find: (id: string) => Scenario | undefined,
): { games: VerifiedGame[]; rejected: RejectedEntry[] } {
  const games: VerifiedGame[] = [];
  const rejected: RejectedEntry[] = [];
  const seen = new Map<string, number>();
  for (const e of entries) {
    const reject = (reason: string) => rejected.push({ line: e.line, name: e.name, text: cut(e.code), reason });
    const earlier = seen.get(e.code);
    if (earlier !== undefined) {
      reject(`the same game as line ${earlier}`);
      continue;
    }
    seen.set(e.code, e.line);
    const replayed = replayResultCode(e.code, find);
    if (!replayed.ok) {
      reject(replayed.message.replace(/^This code /, 'the code ').replace(/\.$/, ''));
      continue;
    }
    const final = replayed.replayed.final;
    if (final.phase !== 'ended' || !final.outcome) {
      reject(`the game is not over: it stopped in round ${final.round}, so there is no outcome to compare`);
      continue;
    }
    games.push({ line: e.line, name: e.name, code: e.code, scenario: replayed.scenario, spec: replayed.spec, final });
  }
  return { games, rejected };
}

/** The scenarios the verified games are of, most games first: a class page shows one at a time. */
export function scenariosOf(games: readonly VerifiedGame[]): { id: string; title: string; count: number }[] {
  const counts = new Map<string, { id: string; title: string; count: number }>();
  for (const g of games) {
    const c = counts.get(g.scenario.id) ?? { id: g.scenario.id, title: g.scenario.title, count: 0 };
    c.count++;
    counts.set(g.scenario.id, c);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

// --- the class debrief ----------------------------------------------------------------------

export interface ClassGame {
  /** Its place in the class list (1-based) and its label on the chart. */
  index: number;
  label: string;
  name: string;
  /** Where it came from: the line of the list, or the pair's seat on a live class. */
  line: number;
  code: string;
  spec: GameSpec;
  outcome: OutcomeKind;
  /** The round the talks ended in, and who walked out. */
  round: number;
  by: Side | null;
  /** The deal's terms in words (empty without a deal). */
  terms: string[];
  mark: ChartGame;
}

export interface RatingBin {
  label: string;
  count: number;
}

export interface SideRatings {
  side: Side;
  label: string;
  /** The doctrine's id (the exports' column), and its name as the players read it. */
  doctrine: string;
  doctrineLabel: string;
  bins: RatingBin[];
  /** Games with no zone to rate against. */
  unrated: number;
  mean: number | null;
  median: number | null;
}

/** A side's ratings in a line, the doctrine by the name the players know it by (its id is for the exports). */
export function ratingsCaption(r: SideRatings): string {
  return `${r.label}, judged by ${r.doctrineLabel}: ${r.mean === null ? 'no game could be rated' : `mean ${fmt(r.mean, 0)}, median ${fmt(r.median!, 0)} on a scale of 0 to 100`}`;
}

/**
 * What the class's ratings mean, in a sentence, as the solo debrief's rating help puts the scale
 * (0 is no deal, 100 the best deal the other side would ratify): with what a mean below 0 or
 * above 100 says when the class has one, and that a few games far off the scale pull a mean, not
 * the median.
 */
export function ratingsScaleText(ratings: Record<Side, SideRatings>): string {
  const means = SIDES.map((s) => ratings[s].mean).filter((m): m is number => m !== null);
  const below = means.some((m) => m < 0);
  const above = means.some((m) => m > 100);
  const off = SIDES.some((s) => ratings[s].mean !== null && Math.abs(ratings[s].mean! - ratings[s].median!) >= 20);
  return [
    'Ratings: 0 is no deal for that side, 100 the best deal the other side would have ratified.',
    below ? 'Below 0, the outcome was worse for that side than no deal.' : '',
    above ? 'Above 100, the other side accepted less than no deal was worth to it.' : '',
    off ? 'A few games far from the rest pull the mean; the median is the middle game.' : '',
  ]
    .filter((t) => t !== '')
    .join(' ');
}

export interface ChipCount {
  issue: string;
  position: string;
  label: string;
  /** How many deals held it, and as a share of the deals (0–1). */
  count: number;
  share: number;
}

export interface ClassDebrief {
  scenario: Scenario;
  games: ClassGame[];
  chart: DealChart;
  ratings: Record<Side, SideRatings>;
  chips: ChipCount[];
  outcomes: Record<OutcomeKind, number>;
  /** The class in sentences: what a screen reader and the printed page get first. */
  summary: string[];
}

const BIN_EDGES = [0, 20, 40, 60, 80, 100];

function bins(ratings: number[]): RatingBin[] {
  const out: RatingBin[] = [{ label: 'below 0', count: 0 }];
  for (let i = 0; i + 1 < BIN_EDGES.length; i++) out.push({ label: `${BIN_EDGES[i]}–${BIN_EDGES[i + 1]}`, count: 0 });
  out.push({ label: 'above 100', count: 0 });
  for (const r of ratings) {
    if (r < 0) out[0]!.count++;
    else if (r > 100) out[out.length - 1]!.count++;
    else out[Math.min(BIN_EDGES.length - 1, Math.floor(r / 20) + 1)]!.count++;
  }
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The games of one scenario with their labels (a name, or "Game N" when the line gave none). */
export interface ClassInput {
  name: string;
  line: number;
  code: string;
  spec: GameSpec;
}

/**
 * The class debrief of one scenario's finished games: judged at the start of the game (the same
 * for every seed), under the doctrines given or those of the first game.
 */
export function classDebrief(scenario: Scenario, inputs: readonly ClassInput[], doctrines?: Record<Side, string>): ClassDebrief {
  const labelled = inputs.map((g, i) => ({ ...g, index: i + 1, label: g.name ? `${i + 1}. ${g.name}` : `Game ${i + 1}` }));
  const chart = dealChart(scenario, {
    moment: 'start',
    games: labelled.map((g) => ({ label: g.label, spec: g.spec })),
    ...(doctrines ? { doctrines } : {}),
  });
  const games: ClassGame[] = labelled.map((g, i) => {
    const mark = chart.games[i]!;
    const outcome = mark.rating.outcome;
    const pkg = mark.package ?? {};
    const terms = outcome === 'deal' ? Object.entries(pkg).map(([issue, position]) => `${issueOf(scenario, issue).label}: ${positionOf(scenario, issue, position).label}`) : [];
    // The round and who walked out come from the recorded outcome (the chart keeps only its kind).
    const last = g.spec.moves[g.spec.moves.length - 1];
    return {
      index: g.index,
      label: g.label,
      name: g.name,
      line: g.line,
      code: g.code,
      spec: g.spec,
      outcome,
      round: mark.rating.judgedAt.round,
      by: outcome === 'walkout' && last ? last.side : null,
      terms,
      mark,
    };
  });
  const ratings = {} as Record<Side, SideRatings>;
  for (const side of SIDES) {
    const rated = games.map((g) => g.mark.rating.sides[side].rating).filter((r): r is number => r !== null);
    ratings[side] = {
      side,
      label: scenario.sides[side].label,
      doctrine: (side === 'us' ? chart.x : chart.y).doctrine,
      doctrineLabel: (side === 'us' ? chart.x : chart.y).doctrineLabel,
      bins: bins(rated),
      unrated: games.length - rated.length,
      mean: rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
      median: median(rated),
    };
  }
  const deals = games.filter((g) => g.outcome === 'deal');
  const chipCounts = new Map<string, ChipCount>();
  for (const g of deals) {
    for (const [issue, position] of Object.entries(g.mark.package ?? {})) {
      const key = `${issue}\u0000${position}`;
      const c = chipCounts.get(key) ?? { issue, position, label: `${issueOf(scenario, issue).label}: ${positionOf(scenario, issue, position).label}`, count: 0, share: 0 };
      c.count++;
      chipCounts.set(key, c);
    }
  }
  const chips = [...chipCounts.values()]
    .map((c) => ({ ...c, share: c.count / deals.length }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const outcomes: Record<OutcomeKind, number> = { deal: 0, walkout: 0, deadline: 0 };
  for (const g of games) outcomes[g.outcome]++;
  const n = games.length;
  const meanText = (s: SideRatings) => (s.mean === null ? `${s.label}: no game could be rated` : `${s.label}: mean rating ${fmt(s.mean, 0)}, median ${fmt(s.median!, 0)}${s.unrated ? ` (${s.unrated} with no zone)` : ''}`);
  const summary = [
    // The scenario is in the heading above; the scale is said once, with the ratings per side.
    `${n} game${n === 1 ? '' : 's'}: ${outcomes.deal} deal${outcomes.deal === 1 ? '' : 's'}, ${outcomes.walkout} walkout${outcomes.walkout === 1 ? '' : 's'}, ${outcomes.deadline} without a deal by the deadline.`,
    `${meanText(ratings.us)}; ${meanText(ratings.china)}.`,
    chips.length > 0 ? `The chip most often in a deal: ${chips[0]!.label} (${chips[0]!.count} of ${deals.length} deal${deals.length === 1 ? '' : 's'}).` : 'No game ended in a deal, so no chip was agreed.',
  ];
  return { scenario, games, chart, ratings, chips, outcomes, summary };
}

// --- exports ------------------------------------------------------------------------------------

const OUTCOME_WORDS: Record<OutcomeKind, string> = { deal: 'deal', walkout: 'walkout', deadline: 'no deal by the deadline' };

/** The class as a spreadsheet: one row per game, with its verified result code (through toCsv). */
export function classCsv(d: ClassDebrief): string {
  const s = d.scenario.sides;
  const header = [
    'Game',
    'Name',
    'Scenario',
    'Outcome',
    'Round',
    'Walked out',
    `${s.us.label} rating`,
    `${s.china.label} rating`,
    `${s.us.label} value (${d.chart.x.doctrine})`,
    `${s.china.label} value (${d.chart.y.doctrine})`,
    'Joint value left',
    'Deal terms',
    'Result code',
    'Verified',
  ];
  const r = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const rows = d.games.map((g) => [
    g.index,
    g.name,
    d.scenario.id,
    OUTCOME_WORDS[g.outcome],
    g.round,
    g.by ? s[g.by].label : '',
    r(g.mark.rating.sides.us.rating),
    r(g.mark.rating.sides.china.rating),
    r(g.mark.x),
    r(g.mark.y),
    r(g.mark.rating.jointGap),
    g.terms.join('; '),
    g.code,
    'yes (replayed)',
  ]);
  return toCsv([header, ...rows]);
}

/** The class as JSON: every game with its moves, outcome, ratings and verified code, and the class figures. */
export function classJson(d: ClassDebrief, rejected: readonly RejectedEntry[] = []): string {
  const data = {
    format: 'bargaining-chips-class',
    version: 1,
    scenario: { id: d.scenario.id, version: d.scenario.version, title: d.scenario.title },
    doctrines: { us: d.chart.x.doctrine, china: d.chart.y.doctrine },
    outcomes: d.outcomes,
    ratings: Object.fromEntries(SIDES.map((side) => [side, { bins: d.ratings[side].bins, unrated: d.ratings[side].unrated, mean: d.ratings[side].mean, median: d.ratings[side].median }])),
    chips: d.chips.map((c) => ({ issue: c.issue, position: c.position, label: c.label, count: c.count })),
    games: d.games.map((g) => ({
      index: g.index,
      name: g.name,
      line: g.line,
      resultCode: g.code,
      verified: true,
      game: g.spec,
      moves: g.spec.moves,
      outcome: { kind: g.outcome, round: g.round, by: g.by, terms: g.terms },
      values: { us: g.mark.x, china: g.mark.y },
      ...ratingsJson(g.mark.rating),
    })),
    rejected: rejected.map((x) => ({ line: x.line, name: x.name, text: x.text, reason: x.reason })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
