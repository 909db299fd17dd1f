import { tableNumber } from '../../session/class/protocol';
import { h } from '../dom';
import type { ViewState } from '../state/app-state';
import { sideInSentence } from '../../session/text';

/**
 * What a class table adds to the table screen: the turn's countdown (when the class has a time
 * limit) and, in a class of teams, who is on the student's team and who last changed the shared
 * draft. Names are students' own: text only.
 */

/** Milliseconds as the countdown shows them: "1:05", never below "0:00". */
export function countdownText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export const COUNTDOWN_LABEL = 'Time left this turn: ';

/** What a paused table says (with the time its turn has left, when the class has a time limit). */
export function pausedText(left: number | null): string {
  return `Paused by the teacher: moves wait until the tables resume${left === null ? '' : `, with ${countdownText(left)} left in this turn`}.`;
}

/**
 * The countdown, whose text the shell refreshes every second from `data-ends-at` (this device's
 * clock); while paused, that the teacher paused the tables (with or without a time limit: a
 * student to move would otherwise learn it only from a refused move), the time left held still.
 */
export function classCountdown(state: ViewState, now: number): HTMLElement | null {
  const live = state.liveClass.live;
  if (!live?.table || !state.match?.remoteSide || state.match.ended) return null;
  const { endsAt, pausedLeft } = live.clock;
  if (live.table.paused) return h('span', { class: 'countdown', id: 'class-countdown', attrs: { 'data-paused': 'true' } }, pausedText(pausedLeft));
  if (endsAt === null) return null;
  return h('span', { class: 'countdown', id: 'class-countdown', attrs: { 'data-ends-at': endsAt, role: 'timer' } }, `${COUNTDOWN_LABEL}${countdownText(endsAt - now)}`);
}

/**
 * The connection while it is not up, over the class table: reconnecting on its own (the seat is
 * kept; moves wait), or closed with what to do; null while it is up. The change itself is announced.
 */
export function classConnectionText(state: ViewState): string | null {
  const live = state.liveClass.live;
  if (!live || !state.match?.remoteSide || state.match.ended) return null;
  if (live.status === 'reconnecting') return 'The connection to the class dropped; reconnecting… Your seat is kept.';
  if (live.status === 'closed') return live.problem ?? 'Not connected to the class server. Reload the page to join again: your seat is kept.';
  return null;
}

/** A class code as the teacher's screen shows it, in two groups of four. */
export const spacedCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code);

/**
 * What this browser could not keep (see class-shell.ts), and how to get back in without it: a
 * student, by the code and the same name (the server gives a seat back to its name when no one
 * holds it); the teacher, only from this page or with the key.
 */
export function classNotKeptText(state: ViewState): string | null {
  const lc = state.liveClass;
  if (lc.notKept === undefined || !lc.live) return null;
  if (lc.teacher)
    return `This browser would not keep this class’s teacher key (${lc.notKept}). Write the key down now: if this page reloads or closes, the dashboard opens again only with the code ${spacedCode(lc.teacher.code)} and the key (Run a class, then “Open a class you run”). The key: ${lc.teacher.teacherKey}`;
  return `This browser would not keep your seat (${lc.notKept}). Play on: if this page reloads or closes, join again with the code ${spacedCode(lc.live.code)} and the name “${lc.live.name}”, and you get your seat back.`;
}

export function classNotKeptNote(state: ViewState): HTMLElement | null {
  const text = classNotKeptText(state);
  return text === null ? null : h('p', { class: 'message', id: 'class-not-kept', attrs: { role: 'alert' } }, text);
}

export function classConnectionNote(state: ViewState): HTMLElement | null {
  const text = classConnectionText(state);
  return text === null ? null : h('p', { class: `message${state.liveClass.live?.status === 'closed' ? ' error' : ''}`, id: 'class-connection' }, text);
}

/** A team member's line: the team, and that any of them commits the shared draft. */
export function classTeamNote(state: ViewState): HTMLElement | null {
  const live = state.liveClass.live;
  if (!live?.seat || live.team.length === 0 || !state.match?.remoteSide) return null;
  const names = live.team.map((s) => `${s.name}${s.connected ? '' : ' (away)'}`).join(', ');
  const last = live.teamDraft ? ` Last change to the draft: ${live.teamDraft.by}.` : '';
  return h('p', { class: 'hint team-note', id: 'class-team' }, `Your team: you and ${names}. You build one package together: the draft is shared as you build it, and any one of you sends it.${last}`);
}

/** Refresh every countdown on the page (the shell calls this once a second). */
export function tickCountdowns(root: ParentNode, now: number): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-ends-at]')) {
    const endsAt = Number(el.dataset.endsAt);
    if (Number.isFinite(endsAt)) el.textContent = `${COUNTDOWN_LABEL}${countdownText(endsAt - now)}`;
  }
}

/** How many of the teacher's news flashes a table shows (newest first); the rest are in the announcer's history. */
export const NEWS_SHOWN = 3;

/**
 * The teacher's written news flashes for this table, newest first. A flash is only news (no move),
 * so without this it would reach screen readers alone; an event the teacher sends is a move, shown
 * in the report and the game's news already. The text is the teacher's: text only.
 */
export function classNewsNote(state: ViewState): HTMLElement | null {
  const live = state.liveClass.live;
  if (!live?.seat || !state.match?.remoteSide) return null;
  const flashes = live.injects.filter((i) => i.event === null && (i.table === null || i.table === live.seat!.table));
  if (flashes.length === 0) return null;
  const shown = flashes.slice(-NEWS_SHOWN).reverse();
  return h(
    'section',
    { class: 'teacher-news', id: 'class-news', attrs: { 'aria-labelledby': 'class-news-title' } },
    h('h2', { id: 'class-news-title' }, flashes.length === 1 ? 'News from your teacher' : `News from your teacher (${flashes.length}, newest first)`),
    h('ul', { class: 'plain' }, ...shown.map((i) => h('li', { attrs: { 'data-inject': i.index } }, i.text))),
  );
}

/**
 * In a class's second round and after: which round it is and where the student now sits (sides
 * are usually swapped: the student plays the other country), over the table and in the lobby.
 */
export function classRoundText(state: ViewState): string | null {
  const live = state.liveClass.live;
  const round = live?.info?.classRound ?? 1;
  if (!live?.seat || round < 2) return null;
  const scenario = state.scenarios.entries.find((e) => e.scenario.id === live.info?.config.scenario)?.scenario;
  const side = sideInSentence(scenario?.sides[live.seat.side].label ?? live.seat.side);
  // "Class round": the game's own rounds ("Round 1 of 6") are shown beside it.
  return `Class round ${round}, a new game: you play ${side} at table ${tableNumber(live.info, live.seat.table)}.`;
}

export function classRoundNote(state: ViewState): HTMLElement | null {
  const text = classRoundText(state);
  return text === null || !state.match?.remoteSide ? null : h('p', { class: 'class-round', id: 'class-round' }, text);
}
