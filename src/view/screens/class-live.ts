import { create as createQr } from 'qrcode';
import { joinLinkQuery } from '../../session/class/join-link';
import type { Difficulty, Side } from '../../core/types';
import { NAME_MAX_CHARS, normaliseJoinCode, tableNumber, type ClassConfig, type ClassInfo, type Dashboard, type InjectView, type SeatView, type TableSummary } from '../../session/class/protocol';
import { doctrinesFor, roundsRange, SIDES } from '../../session/model';
import { button, columnHeads, fmt, h, textHead } from '../dom';
import type { Dispatch } from '../state/actions';
import { DEFAULT_RUN_CHOICES, joinPanelShown, type ClassRunChoices } from '../state/class-live-state';
import type { ViewState } from '../state/app-state';
import { classDebriefView } from './class-page';
import { classNotKeptNote, classRoundText, spacedCode } from './class-table';
import { copyableText, loadFailures, notices } from './common';
import type { ScreenFn, ScreenView } from './screen';
import { atSentenceStart, sideInSentence } from '../../session/text';

/**
 * The live class's screens: run a class (the teacher's form), the teacher's screen (the join
 * address and code large, a QR code, the live dashboard, the class debrief), join a class, and
 * the student's lobby. Names come from students: text only, never markup.
 */

const NS = 'http://www.w3.org/2000/svg';

/** A QR code as SVG (one path of dark modules; the CSP allows no inline style, so no canvas data URL either). */
function qrSvg(text: string, label: string): SVGSVGElement {
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  let d = '';
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (qr.modules.data[r * size + c]) d += `M${c + quiet},${r + quiet}h1v1h-1z`;
  const svg = document.createElementNS(NS, 'svg');
  const full = size + 2 * quiet;
  svg.setAttribute('viewBox', `0 0 ${full} ${full}`);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', String(full));
  bg.setAttribute('height', String(full));
  bg.setAttribute('class', 'qr-bg');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', d);
  path.setAttribute('class', 'qr-dark');
  svg.append(bg, path);
  return svg;
}

const titleScene = (tagline: string): ScreenView['scene'] => ({ key: 'title', model: { tagline } });

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { attrs: { for: id } }, label), control, hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null);
}

function select(id: string, options: { value: string; label: string }[], value?: string, onChange?: (value: string) => void): HTMLSelectElement {
  const el = h('select', { id, attrs: { 'data-key': id }, ...(onChange ? { on: { change: () => onChange(el.value) } } : {}) }, ...options.map((o) => h('option', { attrs: { value: o.value, selected: o.value === value } }, o.label)));
  return el;
}

// --- run a class ------------------------------------------------------------------------------

type PairingKind = ClassConfig['pairing']['kind'];
const pairingKind = (value: string): PairingKind => (value === 'pve' || value === 'teams' ? value : 'pvp');
const difficultyOf = (value: string): Difficulty => (value === 'easy' || value === 'hard' ? value : 'normal');

/** What each pairing means, under its select (the fields it alone needs are shown with it). */
const PAIRING_HINTS: Record<PairingKind, string> = {
  pvp: 'Student against student: a student without a partner waits, or you fill the seat with the AI.',
  pve: 'Each student plays the AI at a table of their own, on the side and at the difficulty below.',
  teams: 'Team against team: two or three students a side, as set below.',
};

/**
 * The teacher's form, drawn from the choices in the state (`liveClass.runForm`): each select says
 * its choice (`class-run-change`), and the fields that follow it (the pairing's own, the scenario's
 * sides, doctrines and rounds) are drawn from the choices, so a redraw keeps them consistent. The
 * typed fields are carried over a redraw by `keepControls`, and read when the class is opened.
 */
export const classRunScreen: ScreenFn = (state, dispatch) => {
  // The shipped scenarios and any the teacher opened (the file is sent with the class and checked again there).
  const shipped = state.scenarios.entries;
  if (shipped.length === 0) return null;
  const form = state.liveClass.runForm ?? DEFAULT_RUN_CHOICES;
  const choose = (change: Partial<ClassRunChoices>) => dispatch({ type: 'class-run-change', change });
  const opened = shipped.find((e) => e.origin === 'opened' && e.scenario.id === state.highlight.scenario);
  const chosen = shipped.find((e) => e.scenario.id === form.scenario) ?? opened ?? shipped.find((e) => e.scenario.id === 'busan-2025') ?? shipped[0]!;
  const scenario = chosen.scenario;
  const scenarioSelect = select('run-scenario', shipped.map((e) => ({ value: e.scenario.id, label: e.origin === 'opened' ? `${e.scenario.title} (your file ${e.source.file})` : e.scenario.title })), scenario.id, (id) => choose({ scenario: id }));
  const fileInput = h('input', {
    id: 'run-scenario-file',
    attrs: { type: 'file', accept: '.yaml,.yml,.json,application/json,text/yaml' },
    on: {
      change: (e) => {
        const file = (e.target as HTMLInputElement).files?.[0];
        if (!file) return;
        void file.text().then(
          (text) => dispatch({ type: 'open-scenario-file', file: { file: file.name, text } }),
          () => dispatch({ type: 'open-scenario-file', file: { file: file.name, text: '' } }),
        );
      },
    },
  });
  const seed = h('input', { id: 'run-seed', attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 100, 'data-key': 'run-seed' }, value: `class-${new Date().toISOString().slice(0, 10)}` });
  // Short options (a select shows one line, cut at its width: 350 px on a phone); the hint explains them.
  const seedPolicy = select('run-seed-policy', [
    { value: 'class', label: 'One for the whole class' },
    { value: 'table', label: 'One per pair' },
  ], form.seedPolicy, (v) => choose({ seedPolicy: v === 'table' ? 'table' : 'class' }));
  const pairing = select('run-pairing', [
    { value: 'pvp', label: 'Student against student' },
    { value: 'pve', label: 'Each student against the AI' },
    { value: 'teams', label: 'Team against team' },
  ], form.pairing, (v) => choose({ pairing: pairingKind(v) }));
  const teamSize = select('run-team-size', [
    { value: '2', label: 'Two students a side' },
    { value: '3', label: 'Three students a side' },
  ], String(form.teamSize), (v) => choose({ teamSize: v === '3' ? 3 : 2 }));
  const difficulty = select('run-difficulty', ['easy', 'normal', 'hard'].map((d) => ({ value: d, label: d[0]!.toUpperCase() + d.slice(1) })), form.difficulty, (v) => choose({ difficulty: difficultyOf(v) }));
  const studentSide = select('run-side', SIDES.map((s) => ({ value: s, label: scenario.sides[s].label })), form.side, (v) => choose({ side: v === 'china' ? 'china' : 'us' }));
  // The doctrines offered are the scenario's; one chosen for another scenario gives way to its first.
  const doctrines = {} as Record<Side, string>;
  const doctrineFields = SIDES.map((side) => {
    const offered = doctrinesFor(scenario, side);
    doctrines[side] = offered.find((d) => d.id === form.doctrines[side])?.id ?? offered[0]?.id ?? '';
    const sel = select(`run-doctrine-${side}`, offered.map((d) => ({ value: d.id, label: d.label })), doctrines[side], (id) => choose({ doctrines: { [side]: id } }));
    return field(`run-doctrine-${side}`, `${atSentenceStart(sideInSentence(scenario.sides[side].label))} is judged by`, sel);
  });
  // The range offered is the scenario's (the core's own range, so the server agrees).
  const range = roundsRange(scenario);
  const rounds = h('input', { id: 'run-rounds', attrs: { type: 'number', step: 1, inputmode: 'numeric', 'data-key': 'run-rounds', min: range.min, max: range.max, placeholder: String(scenario.rounds) } });
  const roundsHint = h('p', { id: 'run-rounds-hint', class: 'hint' }, `The scenario’s own deadline is ${scenario.rounds} rounds; you can set ${range.min} to ${range.max}. Leave empty to keep it.`);
  const seconds = h('input', { id: 'run-seconds', attrs: { type: 'number', min: 10, max: 3600, step: 10, inputmode: 'numeric', 'data-key': 'run-seconds' } });
  const title = h('input', { id: 'run-title', attrs: { type: 'text', maxlength: 120, autocomplete: 'off', 'data-key': 'run-title' } });
  // Only the fields of the pairing chosen are shown (and only they go into the class: see `open`).
  const kind = form.pairing;
  const pairingField = field('run-pairing', 'Pairing', pairing, PAIRING_HINTS[kind]);
  const teamSizeField = field('run-team-size', 'Team size', teamSize, 'Students fill each table’s two teams in turn; a team’s members all see the table and the package as it is built, and any one of them sends it.');
  const difficultyField = field('run-difficulty', 'AI difficulty', difficulty);
  const sideField = field('run-side', 'Students play', studentSide);
  teamSizeField.hidden = kind !== 'teams';
  difficultyField.hidden = sideField.hidden = kind !== 'pve';
  const lc = state.liveClass;
  const open = () => {
    const secs = seconds.value.trim() === '' ? undefined : Number(seconds.value);
    const roundCount = rounds.value.trim() === '' ? undefined : Number(rounds.value);
    const config: ClassConfig = {
      scenario: scenario.id,
      seed: seed.value.trim() || 'class',
      seedPolicy: form.seedPolicy,
      pairing: kind === 'pve' ? { kind: 'pve', difficulty: form.difficulty, side: form.side } : kind === 'teams' ? { kind: 'teams', size: form.teamSize } : { kind: 'pvp' },
      doctrines: { us: doctrines.us, china: doctrines.china },
      ...(secs !== undefined && Number.isFinite(secs) ? { turnSeconds: Math.round(secs) } : {}),
      ...(roundCount !== undefined && Number.isFinite(roundCount) ? { rounds: Math.round(roundCount) } : {}),
      ...(title.value.trim() ? { title: title.value.trim() } : {}),
    };
    dispatch({ type: 'class-create', config });
  };
  const body: Node[] = [
    ...notices(state.notices),
    ...loadFailures(state.scenarios.failures),
    h('p', null, 'Students open this page’s address on their own devices and join with the class code. The server keeps every move; a table that loses its connection picks up where it was.'),
    h(
      'p',
      { class: 'hint' },
      'A class you made already (in another browser, or before this one’s data was cleared)? ',
      // Focusing the field brings the section into view; the page's address stays as it is.
      button('Open it with its code and teacher key', () => document.getElementById('open-code')?.focus(), { key: 'to-open-class', class: 'secondary small' }),
    ),
    h('h2', { id: 'run-new-title' }, 'A new class'),
    field('run-scenario', 'Scenario', scenarioSelect),
    field('run-scenario-file', 'Or your own scenario file (YAML or JSON)', fileInput, 'It is checked here and again by the server, kept with the class, and sent to every student who joins.'),
    field('run-seed', 'Seed', seed, 'The seed fixes every chance event, so pairs can be compared.'),
    field('run-seed-policy', 'Seeds', seedPolicy, 'One for the whole class: every table plays the same dice. One per pair: each table’s seed is derived from this one.'),
    pairingField,
    teamSizeField,
    difficultyField,
    sideField,
    ...doctrineFields,
    h('div', { class: 'field' }, h('label', { attrs: { for: 'run-rounds' } }, 'Number of rounds (optional)'), rounds, roundsHint),
    field('run-seconds', 'Time limit per turn, in seconds (optional)', seconds, 'When it runs out the server makes no offer for the side to move (or rejects the offer on the table). Leave empty for no limit.'),
    field('run-title', 'A title for the class (optional, shown to students)', title),
    lc.error ? h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, lc.error)) : null,
    h(
      'div',
      { class: 'actions' },
      button(lc.busy ? 'Opening the class…' : 'Open the class', open, { key: 'run-open', disabled: lc.busy }),
      button('Back', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'back', class: 'secondary' }),
    ),
    openClassSection(state, dispatch),
  ].filter((n): n is Node => n !== null);
  return { title: 'Run a class', body, scene: titleScene('Run a class: pairs negotiate live, you watch every table.'), keepControls: true };
};

/**
 * "Open a class you run": the dashboard of a class made elsewhere (the teacher's own laptop, when
 * this is the projector's computer) or forgotten by this browser, from its code and teacher key.
 * The server checks the key (with the guess limit of every join) before the dashboard opens and
 * the key is kept here; the key field hides what is typed, as this screen may be projected.
 */
function openClassSection(state: ViewState, dispatch: Dispatch): HTMLElement {
  const lc = state.liveClass;
  const code = h('input', { id: 'open-code', attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 20, 'data-key': 'open-code' } });
  const open = () => dispatch({ type: 'class-open-check', code: code.value, teacherKey: key.value });
  const key = h('input', { id: 'open-key', attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false', maxlength: 200, 'data-key': 'open-key' }, on: { keydown: (e) => e.key === 'Enter' && open() } });
  return h(
    'section',
    { class: 'open-class', attrs: { 'aria-labelledby': 'open-class-title' } },
    h('h2', { id: 'open-class-title' }, 'Open a class you run'),
    h('p', null, 'Its dashboard, in this browser: for the projector’s computer, a colleague’s laptop, or after this browser’s data was cleared. Students keep playing meanwhile.'),
    field('open-code', 'Class code', code),
    field('open-key', 'Teacher key', key, 'Paste it whole. It is on the dashboard of the browser that made the class (“Show the teacher key”), or the teacherKey that npm run class create printed. Once the server has checked it, this browser keeps it, if it may.'),
    lc.openError ? h('div', { class: 'message error', id: 'open-error', attrs: { role: 'alert' } }, h('p', null, lc.openError)) : null,
    h('div', { class: 'actions' }, button(lc.opening ? 'Checking the key…' : 'Open its dashboard', open, { key: 'open-class', disabled: lc.opening === true })),
  );
}

/**
 * The teacher key, shown on request (hidden by default: the dashboard is often on the projector,
 * and the key lets anyone run the class): to write it down or copy it before leaving this device,
 * and to open the dashboard elsewhere.
 */
function teacherKeySection(state: ViewState, dispatch: Dispatch, key: string): HTMLElement {
  const shown = state.liveClass.keyShown === true;
  return h(
    'section',
    { class: 'teacher-key', attrs: { 'aria-labelledby': 'teacher-key-title' } },
    h('h2', { id: 'teacher-key-title' }, 'Your teacher key'),
    h('p', { class: 'hint' }, 'With the class code, it opens this dashboard in any browser (Run a class, then “Open a class you run”). Write it down or copy it before you leave this device, and keep it from students: it runs the class.'),
    h(
      'div',
      { class: 'actions' },
      button(shown ? 'Hide the teacher key' : 'Show the teacher key', () => dispatch({ type: 'class-key-shown', shown: !shown }), { key: 'key-toggle', class: 'secondary', attrs: { 'aria-expanded': shown ? 'true' : 'false', 'aria-controls': 'teacher-key-shown' } }),
    ),
    shown ? h('div', { id: 'teacher-key-shown', class: 'key-row' }, ...copyableText(key, { id: 'teacher-key', label: 'Teacher key', buttonLabel: 'Copy', buttonKey: 'key-copy' })) : null,
  );
}

// --- the teacher's screen -------------------------------------------------------------------

/** A table's status once its talks are over, in words (the server sends the outcome's kind). */
export function endedStatus(kind: string): string {
  return kind === 'deal' ? 'deal struck' : kind === 'walkout' ? 'ended in a walkout' : kind === 'deadline' ? 'no deal by the deadline' : `ended (${kind})`;
}

/** A seat as the dashboard names it: the AI's own name already says so ("AI (normal)"), not "AI (normal) (AI)". */
export const seatName = (s: SeatView | undefined) => (s ? `${s.name}${s.kind === 'ai' ? (/^AI\b/.test(s.name) ? '' : ' (AI)') : s.connected ? '' : ' (away)'}` : '—');
/** A side's seats at a table: one name, or a team's names. */
const sideNames = (seats: SeatView[]) => (seats.length === 0 ? '—' : seats.map((s) => seatName(s)).join(', '));

/**
 * A table's roles said outright: drawn as cards on a narrow screen (its rows and cells as blocks),
 * some browsers would no longer read it as a table; the roles keep it one, with its column heads.
 */
function keepTableRoles(table: HTMLTableElement): HTMLTableElement {
  table.setAttribute('role', 'table');
  for (const group of table.querySelectorAll('thead, tbody')) group.setAttribute('role', 'rowgroup');
  for (const row of table.querySelectorAll('tr')) row.setAttribute('role', 'row');
  for (const cell of table.querySelectorAll('th')) cell.setAttribute('role', cell.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader');
  for (const cell of table.querySelectorAll('td')) cell.setAttribute('role', 'cell');
  return table;
}

/** The dashboard's column heads, also each card's labels on a narrow screen. */
const DASH_COLUMNS = { round: 'Round of talks', status: 'Status', standing: 'On the table', tension: 'Tension (0–10)' } as const;

function tableRow(state: ViewState, t: TableSummary, dispatch: Dispatch, info: ClassInfo): HTMLElement {
  const turnSeconds = info.config.turnSeconds;
  const n = tableNumber(info, t.table);
  const scenario = state.scenario;
  const by = (side: Side) => t.seats.find((s) => s.side === side);
  const label = (side: Side) => scenario?.sides[side].label ?? side;
  // The package on the table, one term a line (a long package joined with semicolons read as one block).
  const terms = (pkg: Record<string, string>) => Object.entries(pkg).map(([issue, pos]) => scenario?.issues.find((i) => i.id === issue)?.positions.find((p) => p.id === pos)?.label ?? `${issue}=${pos}`);
  const termList = (pkg: Record<string, string>) => h('ul', { class: 'plain package-cell' }, ...terms(pkg).map((term) => h('li', null, term)));
  // Once a deal is struck nothing stands on the table: the cell shows what was agreed.
  const standing = t.deal ? ['Agreed:', termList(t.deal)] : t.standing ? [`Offered by ${label(t.standing.by)}:`, termList(t.standing.package)] : ['—'];
  const status = t.outcome ? endedStatus(t.outcome) : !t.started ? 'waiting for a partner' : t.paused ? 'paused' : t.turn ? `${label(t.turn)} to move` : '—';
  // An empty seat, or mid-game one whose student has left: the AI can take it (the student gets it back on returning).
  const empty = SIDES.filter((s) => !by(s) || (t.started && !t.outcome && by(s)!.kind === 'student' && !by(s)!.connected));
  return h(
    'tr',
    { attrs: { 'data-table': t.table, 'data-idle': t.idle ? 'true' : null } },
    h('th', { attrs: { scope: 'row' } }, `Table ${n}`),
    // Each cell carries its column's name: on a narrow screen a row is drawn as a card, each value under its label (styles.css).
    h('td', { class: 'text', attrs: { 'data-label': label('us') } }, sideNames(t.seats.filter((s) => s.side === 'us'))),
    h('td', { class: 'text', attrs: { 'data-label': label('china') } }, sideNames(t.seats.filter((s) => s.side === 'china'))),
    // A game's round of talks out of its deadline (the class's rounds are "class rounds": see the heading).
    h('td', { class: 'short', attrs: { 'data-label': DASH_COLUMNS.round } }, t.started ? `${t.round} of ${info.rounds}` : '—'),
    h('td', { class: 'text state-cell', attrs: { 'data-label': DASH_COLUMNS.status } }, status, t.idle ? h('span', { class: 'tag idle' }, 'idle') : null),
    h('td', { class: 'text standing-cell', attrs: { 'data-label': DASH_COLUMNS.standing } }, ...standing),
    h('td', { class: 'short', attrs: { 'data-label': DASH_COLUMNS.tension } }, fmt(t.tension)),
    h(
      'td',
      { class: 'text teacher-cell' },
      t.outcome
        ? null
        : button(t.paused ? 'Resume' : 'Pause', () => dispatch({ type: 'class-teacher-action', action: { action: t.paused ? 'resume' : 'pause', table: t.table } }), { key: `pause-${t.table}`, class: 'secondary small', attrs: { 'aria-label': `${t.paused ? 'Resume' : 'Pause'} table ${n}` } }),
      turnSeconds && !t.outcome ? button('+60 s', () => dispatch({ type: 'class-teacher-action', action: { action: 'extend', table: t.table, seconds: 60 } }), { key: `extend-${t.table}`, class: 'secondary small', attrs: { 'aria-label': `Give table ${n} sixty more seconds` } }) : null,
      ...empty.map((side) => button(`AI for ${label(side)}`, () => dispatch({ type: 'class-teacher-action', action: { action: 'fillWithAi', seat: `t${t.table}-${side}`, difficulty: 'normal' } }), { key: `fill-${t.table}-${side}`, class: 'secondary small', attrs: { 'aria-label': `AI for ${label(side)} at table ${n}` } })),
    ),
  );
}

/**
 * The students waiting for a partner, each with the button that gives the AI their table's other
 * seat (a table starts only once both sides are seated, so it is not in the dashboard's table yet).
 */
function waitingList(state: ViewState, dispatch: Dispatch, waiting: readonly SeatView[], info: ClassInfo): HTMLElement | null {
  const students = waiting.filter((w) => w.kind === 'student');
  if (students.length === 0) return null;
  const label = (side: Side) => state.scenario?.sides[side].label ?? side;
  // One button per table: a team's members wait at the same table.
  const tables = [...new Map(students.map((w) => [w.table, w])).values()];
  return h(
    'ul',
    { class: 'plain waiting', id: 'dash-waiting' },
    ...tables.map((w) => {
      const other: Side = w.side === 'us' ? 'china' : 'us';
      const names = students.filter((s) => s.table === w.table).map((s) => s.name).join(', ');
      return h(
        'li',
        { attrs: { 'data-table': w.table } },
        `Table ${tableNumber(info, w.table)}: ${names} (${label(w.side)}) `,
        button(`AI for ${label(other)}`, () => dispatch({ type: 'class-teacher-action', action: { action: 'fillWithAi', seat: `t${w.table}-${other}`, difficulty: 'normal' } }), {
          key: `fill-${w.table}-${other}`,
          class: 'secondary small',
          attrs: { 'aria-label': `AI for ${label(other)} at table ${tableNumber(info, w.table)}, so ${names} can start` },
        }),
      );
    }),
  );
}

/**
 * The class debrief's one heading: its scenario (the debrief's, else the class's) and, once the
 * class has more than one round, the round it shows (a "class round", as the dashboard says: a
 * game's own rounds are its rounds of talks). The debrief below it has no heading of its own.
 */
export function debriefTitle(state: ViewState): string {
  const lc = state.liveClass;
  const many = (lc.debriefRounds?.length ?? 0) > 1 || (lc.live?.dashboard?.info.classRound ?? 1) > 1;
  const scenario = lc.debrief?.scenario.title ?? lc.live?.dashboard?.info.scenarioTitle ?? lc.live?.info?.scenarioTitle ?? state.scenario?.title;
  const round = lc.debriefRound !== undefined && many ? `, class round ${lc.debriefRound}` : '';
  return `Class debrief${scenario ? `: ${scenario}` : ''}${round}`;
}

/** How many games the debrief holds, and how many are not on it: still playing, or (an earlier round) left unfinished (the heading names the round). */
function debriefCount(state: ViewState): HTMLElement | null {
  const lc = state.liveClass;
  const rounds = lc.debriefRounds ?? [];
  const past = rounds.length > 0 && lc.debriefRound !== undefined && lc.debriefRound < rounds[rounds.length - 1]!;
  const rest = lc.unfinished ? `; ${lc.unfinished} ${past ? 'left unfinished' : 'still playing'}` : '';
  if (lc.debrief) return h('p', { id: 'live-debrief-count' }, `${lc.debrief.games.length} finished game${lc.debrief.games.length === 1 ? '' : 's'}${rest}.`);
  if (lc.unfinished) return h('p', { id: 'live-debrief-count' }, `No game has finished yet; ${lc.unfinished} ${past ? 'left unfinished' : 'playing'}.`);
  return null;
}

export const classTeacherScreen: ScreenFn = (state, dispatch) => {
  const lc = state.liveClass;
  const teacher = lc.teacher;
  if (!teacher) return null;
  const dash = lc.live?.dashboard ?? null;
  const address = window.location.origin;
  // The QR code and the printed link carry the code: opening them fills in the join screen.
  const link = `${address}/${joinLinkQuery(teacher.code)}`;
  const code = spacedCode(teacher.code);
  const body: Node[] = [...notices(state.notices)];
  const shown = joinPanelShown(lc);
  const status = lc.live?.status ?? 'closed';
  // The class bar stays at the top of the panel as the teacher scrolls (to the news, to the debrief):
  // the connection's state, the code for a late student, and the press that shows it large.
  body.push(
    h(
      'div',
      { class: 'class-bar', id: 'class-bar', attrs: { 'data-status': status } },
      shown ? null : h('p', { class: 'class-bar-code', id: 'class-bar-code' }, 'Code ', h('strong', { attrs: { 'aria-label': teacher.code.split('').join(' ') } }, code)),
      h('p', { class: status === 'connected' ? 'hint' : `message${status === 'closed' ? ' error' : ''}`, attrs: { role: 'status', id: 'class-connection' } }, status === 'connected' ? 'Connected to the class server.' : status === 'reconnecting' ? 'The connection dropped; reconnecting…' : status === 'connecting' ? 'Connecting to the class server…' : 'Not connected to the class server.'),
      button(shown ? 'Hide the code' : 'Show the code for late joiners', () => dispatch({ type: 'class-join-panel', shown: !shown }), { key: 'join-toggle', class: 'secondary small', attrs: { 'aria-expanded': shown ? 'true' : 'false' } }),
    ),
  );
  const notKept = classNotKeptNote(state);
  if (notKept) body.push(notKept);
  if (shown)
    body.push(
      h(
        'section',
        { class: 'join-panel', id: 'join-panel', attrs: { 'aria-labelledby': 'join-title' } },
        h('h2', { id: 'join-title' }, 'Students join at'),
        h('div', { class: 'join-grid' }, h('div', null, h('p', { class: 'join-address', id: 'join-address' }, address), h('p', { class: 'join-label' }, 'with the class code'), h('p', { class: 'join-code', id: 'join-code', attrs: { 'aria-label': `Class code ${teacher.code.split('').join(' ')}` } }, code), h('p', { class: 'join-link', id: 'join-link' }, 'or open ', h('span', { class: 'join-link-address' }, link), ' (the QR code), which fills in the code.')), qrSvg(link, `QR code for ${link}`)),
      ),
    );
  if (lc.live?.problem) body.push(h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, lc.live.problem)));
  if (lc.error) body.push(h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, lc.error)));

  if (dash) {
    const classRound = dash.info.classRound ?? 1;
    body.push(
      h(
        'section',
        { attrs: { 'aria-labelledby': 'dash-title' } },
        h('h2', { id: 'dash-title' }, `Dashboard: ${dash.info.title ?? dash.info.scenarioTitle}${classRound > 1 ? `, class round ${classRound}` : ''}`),
        h('p', null, `${dash.tables.length} table${dash.tables.length === 1 ? '' : 's'}, ${dash.finished} finished; ${dash.waiting.length} student${dash.waiting.length === 1 ? '' : 's'} waiting for a partner${dash.waiting.length ? `: ${dash.waiting.map((w) => w.name).join(', ')}` : ''}.`),
        waitingList(state, dispatch, dash.waiting, dash.info),
        dash.pausedAll ? h('p', { class: 'message', id: 'dash-paused', attrs: { role: 'status' } }, 'Every table is paused: no one can move until you resume them.') : null,
        allFinished(state, dispatch, dash),
        h(
          'div',
          { class: 'actions' },
          button('Pause all tables', () => dispatch({ type: 'class-teacher-action', action: { action: 'pause', table: null } }), { key: 'pause-all', class: 'secondary' }),
          button('Resume all tables', () => dispatch({ type: 'class-teacher-action', action: { action: 'resume', table: null } }), { key: 'resume-all', class: 'secondary' }),
        ),
        dash.tables.length === 0
          ? h('p', { class: 'hint' }, 'No table yet: the first pair sits down as soon as two students have joined.')
          : h(
              'div',
              { class: 'table-scroll' },
              keepTableRoles(h(
                'table',
                { class: 'data dashboard', id: 'dashboard' },
                h('caption', null, 'Every pair, live'),
                columnHeads('Table', textHead(state.scenario?.sides.us.label ?? 'US'), textHead(state.scenario?.sides.china.label ?? 'China'), DASH_COLUMNS.round, textHead(DASH_COLUMNS.status), textHead(DASH_COLUMNS.standing), DASH_COLUMNS.tension, textHead('Teacher')),
                h('tbody', null, ...dash.tables.map((t) => tableRow(state, t, dispatch, dash.info))),
              )),
            ),
      ),
    );
    const another = anotherRound(state, dispatch, dash);
    if (another) body.push(another);
    body.push(injectSection(state, dispatch, dash.tables.map((t) => t.table), dash.injects, dash.info));
  }
  body.push(
    h(
      'section',
      { attrs: { 'aria-labelledby': 'class-debrief-title' } },
      h('h2', { id: 'class-debrief-title' }, debriefTitle(state)),
      h('p', { class: 'hint' }, 'Every finished game on one chart, its result code verified by the server; show it again to bring in the games finished since.'),
      h('div', { class: 'actions' }, button(lc.busy ? 'Loading…' : lc.debrief || lc.debriefRounds ? 'Refresh the class debrief' : 'Show the class debrief', () => dispatch({ type: 'class-load-debrief' }), { key: 'load-debrief', disabled: lc.busy })),
      debriefRoundChoice(state, dispatch),
      debriefCount(state),
    ),
  );
  if (lc.debrief) body.push(...classDebriefView(lc.debrief, dispatch, { id: 'live', open: 'class-teacher', titled: false }));
  body.push(teacherKeySection(state, dispatch, teacher.teacherKey));
  body.push(h('div', { class: 'actions' }, button('Leave the class on this device', () => dispatch({ type: 'class-leave' }), { key: 'class-leave', class: 'secondary' })));
  // The code is shown once: large in the join panel while it is open, else in the class bar (the
  // heading named it too, so the teacher's screen showed it twice until the heading scrolled away).
  return { title: 'Your class', body, scene: titleScene('Your class is open: pairs negotiate live, you watch every table.'), keepControls: true };
};

/**
 * Once every table of the round has finished, the dashboard says so and offers the class debrief
 * there, where the teacher is looking (its own section is further down, past another round and the
 * news); the press loads it and brings its heading into view.
 */
function allFinished(state: ViewState, dispatch: Dispatch, dash: Dashboard): HTMLElement | null {
  if (dash.tables.length === 0 || dash.finished < dash.tables.length || dash.waiting.length > 0) return null;
  const lc = state.liveClass;
  const n = dash.tables.length;
  return h(
    'div',
    { class: 'message', id: 'dash-finished' },
    h('p', null, n === 1 ? 'The table has finished its game.' : n === 2 ? 'Both tables have finished their games.' : `All ${n} tables have finished their games.`),
    h(
      'div',
      { class: 'actions' },
      button(
        'Go to the class debrief',
        () => dispatch({ type: 'class-load-debrief', goTo: true }),
        { key: 'dash-debrief', disabled: lc.busy },
      ),
    ),
  );
}

/** Sides in another round: swapped by default, so each student plays the other country. */
const ROUND_SIDES = [
  { value: 'swap', label: 'Swap sides' },
  { value: 'same', label: 'Keep the same sides' },
] as const;

/**
 * "Start another round": the same students at the same tables play a new game, sides swapped
 * (or kept). With tables still playing, the press asks first, naming them: their games end as
 * they stand (kept unfinished in the export, not on the chart), which the server also refuses
 * without that confirmation. Shown once a table has started (before that there is no round to follow).
 */
function anotherRound(state: ViewState, dispatch: Dispatch, dash: Dashboard): HTMLElement | null {
  if (dash.tables.length === 0) return null;
  const next = (dash.info.classRound ?? 1) + 1;
  const confirming = state.liveClass.confirmRound ?? null;
  const playing = dash.tables.filter((t) => !t.outcome).map((t) => `table ${tableNumber(dash.info, t.table)}`);
  const sides = select('round-sides', ROUND_SIDES.map((o) => ({ ...o })), confirming ?? 'swap');
  const chosen = (): 'swap' | 'same' => (sides.value === 'same' ? 'same' : 'swap');
  const start = (endUnfinished: boolean, how: 'swap' | 'same') => dispatch({ type: 'class-teacher-action', action: { action: 'newRound', sides: how, endUnfinished } });
  // Starting a round ends a class-wide pause (the model's newRound): said before the press.
  const unpause = dash.pausedAll ? ` Every table is paused now: starting round ${next} ends the pause, and its games start at once.` : '';
  const confirm = confirming
    ? h(
        'div',
        { class: 'message', id: 'round-confirm', attrs: { role: 'alert' } },
        h(
          'p',
          null,
          playing.length === 0
            ? `Every table has finished now: round ${next} can start.`
            : `${playing.length === 1 ? '1 table is' : `${playing.length} tables are`} still playing (${playing.join(', ')}). Starting round ${next} ends ${playing.length === 1 ? 'its game' : 'their games'} as ${playing.length === 1 ? 'it stands' : 'they stand'}: kept, unfinished, in the export, but not on the class chart.`,
          unpause,
        ),
        h(
          'div',
          { class: 'actions' },
          button(`Start round ${next} anyway`, () => start(true, confirming), { key: 'round-confirm-yes' }),
          button('Wait for them', () => dispatch({ type: 'class-round-confirm', sides: null }), { key: 'round-confirm-no', class: 'secondary' }),
        ),
      )
    : null;
  return h(
    'section',
    { class: 'another-round', attrs: { 'aria-labelledby': 'round-title' } },
    h('h2', { id: 'round-title' }, 'Another round'),
    h('p', { class: 'hint' }, `The same students at the same tables play a new game, with new dice; each student’s screen moves to it on its own. Round ${next - 1} stays in the class debrief and the exports.`, confirming ? '' : unpause),
    field('round-sides', 'Sides', sides, 'Swap sides: each student plays the other country. Keep: each plays the same one again.'),
    confirm ??
      h(
        'div',
        { class: 'actions' },
        button('Start another round', () => (playing.length === 0 ? start(false, chosen()) : dispatch({ type: 'class-round-confirm', sides: chosen() })), { key: 'round-start' }),
      ),
  );
}

/** The class debrief's round: every round the class has played, the current one first chosen. */
function debriefRoundChoice(state: ViewState, dispatch: Dispatch): HTMLElement | null {
  const rounds = state.liveClass.debriefRounds ?? [];
  if (rounds.length < 2) return null;
  const shown = state.liveClass.debriefRound ?? rounds[rounds.length - 1]!;
  const last = rounds[rounds.length - 1]!;
  const choice = select('debrief-round', rounds.map((r) => ({ value: String(r), label: r === last ? `Round ${r} (the latest)` : `Round ${r}` })), String(shown), (v) => dispatch({ type: 'class-debrief-round', round: Number(v) }));
  // Kept by its round, not carried over a redraw (kept-controls would put back the round shown before).
  choice.setAttribute('data-key', `debrief-round-${shown}`);
  return field('debrief-round', 'Show the class debrief of', choice);
}

/** How many of the news sent the teacher's screen lists (newest first). */
const SENT_SHOWN = 5;

/** The news sent so far, newest first: the teacher sees that a flash went out, and where. Text only (the teacher's own words). */
function sentNews(injects: readonly InjectView[], info: ClassInfo): HTMLElement | null {
  if (injects.length === 0) return null;
  const shown = injects.slice(-SENT_SHOWN).reverse();
  return h(
    'div',
    { id: 'inject-sent' },
    h('h3', null, injects.length > SENT_SHOWN ? `Sent so far: ${injects.length} (the last ${SENT_SHOWN}, newest first)` : `Sent so far (newest first)`),
    h('ul', { class: 'plain' }, ...shown.map((i) => h('li', { attrs: { 'data-inject': i.index } }, h('strong', null, `${i.table === null ? 'Every table' : `Table ${tableNumber(info, i.table)}`}, ${i.event === null ? 'news flash' : 'event'}: `), i.text))),
  );
}

/** What sending a scenario's event does, under its select. */
export const EVENT_HINT = 'The event happens in each game it is sent to: the students read its news, and its effects change that game’s numbers as the scenario sets them.';
/** What a written flash does, under its field. */
export const FLASH_HINT = 'Only news: the students read it, and nothing in their games changes.';

function injectSection(state: ViewState, dispatch: Dispatch, tables: number[], sent: readonly InjectView[], info: ClassInfo): HTMLElement {
  const events = state.scenario?.events ?? [];
  const target = select('inject-target', [{ value: 'all', label: 'Every table' }, ...tables.map((t) => ({ value: String(t), label: `Table ${tableNumber(info, t)}` }))]);
  const eventSelect = select('inject-event', events.map((e) => ({ value: e.id, label: e.title })));
  // keyed by the flashes sent so far: once this one is sent the field starts empty, not with it (see kept-controls.ts)
  const news = h('textarea', { id: 'inject-news', attrs: { rows: 2, maxlength: 500, 'data-key': `inject-news-${sent.length}` }, on: { input: () => news.setCustomValidity('') } });
  const tableOf = () => (target.value === 'all' ? null : Number(target.value));
  return h(
    'section',
    { attrs: { 'aria-labelledby': 'inject-title' } },
    h('h2', { id: 'inject-title' }, 'Send news to the tables'),
    field('inject-target', 'To', target),
    events.length
      ? h(
          'div',
          null,
          // What each kind does to a game, said before the press (an event changes its numbers, a flash does not).
          field('inject-event', 'One of the scenario’s events, as news', eventSelect, EVENT_HINT),
          h('div', { class: 'actions' }, button('Send this event', () => dispatch({ type: 'class-teacher-action', action: { action: 'inject', table: tableOf(), inject: { kind: 'event', event: eventSelect.value } } }), { key: 'inject-event-send', class: 'secondary' })),
        )
      : null,
    field('inject-news', 'Or a news flash you write', news, FLASH_HINT),
    h(
      'div',
      { class: 'actions' },
      button('Send the news flash', () => {
        const text = news.value.trim();
        // An empty flash is not sent, and the field says so (a press that did nothing would look broken).
        news.setCustomValidity(text ? '' : 'Write the news flash first.');
        if (!text) {
          news.reportValidity();
          return;
        }
        dispatch({ type: 'class-teacher-action', action: { action: 'inject', table: tableOf(), inject: { kind: 'news', text } } });
      }, { key: 'inject-news-send', class: 'secondary' }),
    ),
    sentNews(sent, info),
  );
}

// --- the students ---------------------------------------------------------------------------

export const classJoinScreen: ScreenFn = (state, dispatch) => {
  const lc = state.liveClass;
  const code = h('input', { id: 'join-code-input', attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 20, 'data-key': 'join-code-input' }, value: lc.live?.code ?? lc.prefill ?? '' });
  const name = h('input', { id: 'join-name', attrs: { type: 'text', autocomplete: 'nickname', maxlength: NAME_MAX_CHARS, 'data-key': 'join-name' }, value: lc.live?.name ?? '' });
  const join = () => dispatch({ type: 'class-join', code: normaliseJoinCode(code.value), name: name.value.trim() });
  const body: Node[] = [
    ...notices(state.notices),
    h('p', null, 'Type the class code your teacher shows, and the name the class will see. No account, no email.'),
    field('join-code-input', 'Class code', code),
    field('join-name', 'Your name', name, `At most ${NAME_MAX_CHARS} characters.`),
    lc.error ? h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, lc.error)) : null,
    h('div', { class: 'actions' }, button('Join the class', join, { key: 'join' }), button('Back', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'back', class: 'secondary' })),
  ].filter((n): n is Node => n !== null);
  return { title: 'Join a class', body, scene: titleScene('Join your class with its code.') };
};

export const classLobbyScreen: ScreenFn = (state, dispatch) => {
  const lc = state.liveClass;
  const live = lc.live;
  if (!live) return null;
  const scenario = state.scenario ?? state.scenarios.entries.find((e) => e.scenario.id === live.info?.config.scenario)?.scenario ?? null;
  const sideLabel = (s: Side) => sideInSentence(scenario?.sides[s].label ?? s);
  const body: Node[] = [...notices(state.notices)];
  if (lc.error) {
    body.push(h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, lc.error)));
    body.push(h('div', { class: 'actions' }, button('Try again', () => dispatch({ type: 'navigate', screen: 'class-join' }), { key: 'retry' })));
  } else if (!live.seat) {
    body.push(h('p', { attrs: { role: 'status' } }, live.status === 'connecting' ? 'Joining the class…' : 'Waiting for the class server…'));
  } else {
    const seat = live.seat;
    const teams = live.info?.config.pairing.kind === 'teams';
    body.push(
      h('p', { class: 'lobby-seat', id: 'lobby-seat' }, classRoundText(state) ?? `You are ${sideLabel(seat.side)} at table ${tableNumber(live.info, seat.table)}.`),
      ...(teams
        ? [h('p', { id: 'lobby-team' }, live.team.length > 0 ? `Your team: you and ${live.team.map((t) => t.name).join(', ')}.` : 'Your teammates join as they arrive.')]
        : []),
      h('p', { id: 'lobby-partner', attrs: { role: 'status' } }, live.partner ? `${teams ? 'Across the table' : 'Your partner'}: ${(live.table?.seats.filter((s) => s.side === live.partner!.side) ?? [live.partner]).map((s) => s.name).join(', ')}${live.partner.kind === 'ai' ? ' (the AI)' : ''}, playing ${sideLabel(live.partner.side)}.` : teams ? 'Waiting for the other team’s first member…' : 'Waiting for a partner to join…'),
      h('p', { class: 'hint' }, `${live.info ? `${live.info.title ?? live.info.scenarioTitle}: the` : 'The'} talks start when ${teams ? 'each side has one member; teammates can join later' : 'both seats are taken'}.`),
    );
    if (live.table && live.table.seats.length >= 2) body.push(h('div', { class: 'actions' }, button('Go to the table', () => dispatch({ type: 'navigate', screen: 'table' }), { key: 'to-table' })));
  }
  // While the server is away (a restart), the lobby says so, as the table does: the seat is kept and the page rejoins on its own.
  if (live.seat && live.status === 'reconnecting') body.push(h('p', { class: 'message', id: 'class-connection', attrs: { role: 'status' } }, 'The connection to the class dropped; reconnecting… Your seat is kept.'));
  if (live.problem) body.push(h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, live.problem)));
  const notKept = classNotKeptNote(state);
  if (notKept) body.push(notKept);
  body.push(h('div', { class: 'actions' }, button('Leave the class', () => dispatch({ type: 'class-leave' }), { key: 'class-leave', class: 'secondary' })));
  return { title: 'Class lobby', body, scene: titleScene(live.seat ? `Table ${tableNumber(live.info, live.seat.table)}: waiting for the talks.` : 'Joining the class…') };
};
