import { openResultCode } from '../../session/games';
import { IllegalMoveError, InvalidOptionsError, otherSide, sameMove } from '../../session/model';
import type { Move, Side } from '../../core/types';
import type { AiDecision } from '../../session/ai';
import type { ScenarioFile } from '../../session/catalog';
import { buildDebrief } from '../../session/debrief';
import { debriefFront } from '../../session/debrief-front';
import { pruneDraft } from '../../session/draft';
import { Match, type Turn } from '../../session/match';
import type { SaveLoad } from '../../session/save';
import { errorText } from '../../session/storage';
import { describeMove } from '../../session/text';
import { readLink } from '../../session/link';
import { clampPosition } from '../../session/history-replay';
import type { Action, Effect } from './actions';
import type { AppState, Lib, Notice, ScreenName } from './app-state';
import { catalogEntry, currentReplay, defaultDoctrine, findScenario, pendingSpec } from './selectors';
import { EMPTY_CLASS_PAGE, readAnnouncement, readCodes, showScenario } from './class-page';
import { cleanName } from '../../session/class-debrief';
import { classLiveUpdate, playAtClassTable, shareDraft } from './class-live';
import type { Step } from './store';

/** What the actions need from outside the state: the browser's randomness, for new seeds. */
export interface Services {
  randomSeed(): string;
}

type Result = Step<AppState, Effect>;

const NO_NOTICES: readonly Notice[] = [];
const same = (state: AppState): Result => ({ state, effects: [] });
const announce = (text: string): Effect[] => (text ? [{ kind: 'announce', text }] : []);

/**
 * The actions: each takes the state and its payload and returns the next state, with the
 * effects the shell should run (announcements, sounds, focus). The match is the one mutable
 * thing they touch (through its own methods), and they bump `matchVersion` when they do.
 */
export function update(state: AppState, action: Action, services: Services): Result {
  switch (action.type) {
    case 'started':
      return started(state, action.lib, action.saved, action.storageProblem);
    case 'navigate':
      return same(navigate(state, action.screen));
    case 'open-settings':
      return same(state.dialog === 'settings' ? state : { ...state, dialog: 'settings' });
    case 'close-settings':
      return same(state.dialog === null ? state : { ...state, dialog: null });
    case 'change-settings':
      return same({ ...state, settings: { ...state.settings, ...action.change } });
    case 'announce':
      return { state, effects: announce(action.text) };
    case 'save-failed':
      return same({
        ...state,
        notices: [
          ...state.notices.filter((n) => !n.text.startsWith('The game could not be saved')),
          { kind: 'error', text: action.text },
        ],
      });
  }
  const lib = state.lib;
  if (lib && action.type.startsWith('class-')) {
    const live = classLiveUpdate(state, action);
    if (live) return live;
  }
  // Until the game's code is in, only the actions above apply (the panel still shows its loading note).
  if (!lib) return same(state);
  switch (action.type) {
    case 'highlight-scenario':
      return same(
        state.highlight.scenario === action.id
          ? state
          : { ...state, highlight: { ...state.highlight, scenario: action.id } },
      );
    case 'highlight-episode':
      return same(
        state.highlight.episode === action.id
          ? state
          : { ...state, highlight: { ...state.highlight, episode: action.id } },
      );
    case 'choose-scenario':
      return chooseScenario(state, action.id, services);
    case 'play-now':
      return playNow(state, services);
    case 'open-scenario-file':
      return openScenarioFile(state, lib, action.file);
    case 'change-setup': {
      const { setup, scenario } = state;
      if (!setup || !scenario) return same(state);
      const next = { ...setup, ...action.change };
      if (action.change.side && action.change.side !== setup.side)
        next.doctrine = defaultDoctrine(scenario, action.change.side);
      return same({ ...state, setup: next });
    }
    case 'new-seed':
      return same(state.setup ? { ...state, setup: { ...state.setup, seed: services.randomSeed() } } : state);
    case 'continue-to-briefing': {
      if (!state.setup || !state.scenario) return same(state);
      const setup = state.setup.branch ? state.setup : { ...state.setup, seed: action.seed };
      return same(navigate({ ...state, setup }, 'briefing'));
    }
    case 'start-match':
      return startMatch(state, lib, services);
    case 'resume-backup': {
      const b = state.backup;
      if (!b) return same(state);
      return same(enterMatch({ ...state, backup: null, titleMessage: null }, b.match, b.save.scenarioFile));
    }
    case 'open-code':
      return openCode({ ...state, backToClass: null }, lib, action.code);
    case 'open-link':
      return openLink(state, lib, action.query, services);
    case 'class-read-codes': {
      const classPage = readCodes((id) => findScenario(state, id), action.text, action.source ?? null);
      return { state: { ...state, classPage }, effects: announce(readAnnouncement(classPage)) };
    }
    case 'class-show-scenario':
      return same({ ...state, classPage: showScenario(state.classPage, action.id) });
    case 'class-clear':
      return same({ ...state, classPage: EMPTY_CLASS_PAGE });
    case 'class-open-game': {
      const debrief = action.from === 'class-page' ? state.classPage.debrief : state.liveClass.debrief;
      const game = debrief?.games.find((g) => g.index === action.index);
      if (!game) return same(state);
      const opened = openCode({ ...state, backToClass: action.from }, lib, game.code);
      // Its code was verified to make the debrief: should it not open here after all, the class screen says why.
      const problem = opened.state.code.error;
      return problem ? same({ ...opened.state, screen: action.from, backToClass: null, notices: [{ kind: 'error', text: `${game.label} cannot be opened: ${problem}` }] }) : opened;
    }
    case 'set-student-name':
      return same({ ...state, studentName: cleanName(action.name) });
    case 'take-device':
      return same(state.passTo ? navigate({ ...state, passTo: null }, 'table') : state);
    case 'set-chip': {
      const match = state.match;
      if (!match || match.humanToMove() === null) return same(state);
      const next = { ...state.draft };
      if (action.inPackage) next[action.issue] = action.position;
      else if (next[action.issue] === action.position) delete next[action.issue];
      const draft = pruneDraft(match.scenario, match.state, next);
      return {
        state: { ...state, draft },
        effects: [{ kind: 'sound', cue: 'chip' }, ...shareDraft(state, draft)],
      };
    }
    case 'clear-draft':
      return { state: { ...state, draft: {} }, effects: shareDraft(state, {}) };
    case 'counter-from-standing': {
      const match = state.match;
      if (!match?.state.standing) return same(state);
      const draft = pruneDraft(match.scenario, match.state, match.state.standing.package);
      return { state: { ...state, draft }, effects: shareDraft(state, draft) };
    }
    case 'play':
      return play(state, action.move);
    case 'ai-decided':
      return aiDecided(state, action.version, action.decision, action.problem);
    case 'ask-walkout':
      return {
        state: state.confirmingWalkout ? state : { ...state, confirmingWalkout: true },
        effects: [{ kind: 'focus', key: 'walkout-confirm' }],
      };
    case 'cancel-walkout':
      return same({ ...state, confirmingWalkout: false });
    case 'rewind': {
      const match = state.match;
      if (!match) return same(state);
      try {
        match.rewindToRound(action.round);
      } catch (error) {
        return same({ ...state, notices: [{ kind: 'error', text: `Cannot go back: ${errorText(error)}.` }] });
      }
      return afterRewind(state, match, `Back to the start of round ${action.round}.`);
    }
    case 'undo': {
      const match = state.match;
      if (!match || !match.undoLastHumanMove()) return same(state);
      return afterRewind(state, match, `Your last move was undone. Round ${match.state.round}.`);
    }
    case 'new-game-same-setup':
      return same(newGameSameSetup(state, services));
    case 'open-replay':
      return openReplay(state, lib, action.id, action.position ?? 0);
    case 'set-replay-position':
      return setReplayPosition(state, lib, action.position);
    case 'take-over': {
      const r = currentReplay(state);
      if (!r) return same(state);
      const scenario = r.scenario;
      const setup = {
        side: action.side,
        doctrine: defaultDoctrine(scenario, action.side),
        difficulty: state.setup?.difficulty ?? 'normal',
        seed: r.seed,
        branch: { step: action.position, alternative: action.alternative },
      } as const;
      return same(
        navigate({ ...state, scenario, scenarioFile: openedFile(state, scenario.id), setup }, 'setup'),
      );
    }
    case 'open-materials': {
      // Switching tabs keeps the screen to return to; coming from elsewhere remembers it.
      const back = state.screen === 'materials' ? (state.materials?.back ?? 'title') : state.screen;
      const materials = { id: action.id, tab: action.tab, back };
      const next = navigate({ ...state, materials }, 'materials');
      return state.screen === 'materials' ? { state: next, effects: [{ kind: 'scroll-top' }, { kind: 'focus', key: `tab-${action.tab}` }] } : same(next);
    }
    case 'close-materials':
      return same(navigate({ ...state, materials: null }, state.materials?.back ?? 'title'));
    case 'open-glossary':
      return same(state.glossaryTerm === action.term ? state : { ...state, glossaryTerm: action.term });
    case 'close-glossary':
      return same(state.glossaryTerm === null ? state : { ...state, glossaryTerm: null });
  }
  // The live class's actions are answered above (classLiveUpdate).
  return same(state);
}

// --- navigation ------------------------------------------------------------------------------

/** Show a screen. Notices belong to the screen they were given on, but the table's and the debrief's go on between the two. */
function navigate(state: AppState, screen: ScreenName): AppState {
  const next: AppState = {
    ...state,
    screen,
    notices: screen === 'table' || screen === 'debrief' ? state.notices : NO_NOTICES,
    // The Run a class form starts afresh each time it is entered (its typed text does too).
    liveClass: screen === 'class-run' && state.screen !== 'class-run' && state.liveClass.runForm ? { ...state.liveClass, runForm: undefined } : state.liveClass,
  };
  return screen === 'debrief' ? withDebrief(next) : next;
}

/** The debrief of the match, computed once per finished game. */
function withDebrief(state: AppState): AppState {
  const match = state.match;
  if (!match?.ended || !state.lib) return state;
  const key = JSON.stringify(match.spec);
  if (state.debrief?.key === key) return state;
  const player = match.playerSide;
  const debrief = buildDebrief(match.scenario, match.spec, state.lib.ai.ledgerOf, player ?? 'us');
  const history = match.scenario.history
    ? state.lib.history.historyDebriefOf(match.scenario, debrief.spec, player)
    : null;
  const front = debriefFront(match.scenario, debrief.spec, debrief.rating, debrief.side, match.branch?.step ?? 0);
  return { ...state, debrief: { key, debrief, history, front } };
}

function started(state: AppState, lib: Lib, saved: SaveLoad, storageProblem: string | null): Result {
  let next: AppState = { ...state, lib, scenarios: scenarioList(lib) };
  const notices: readonly Notice[] = storageProblem ? [{ kind: 'error', text: storageProblem }] : NO_NOTICES;
  if (saved.kind === 'ok') {
    next = enterMatch(next, saved.match, saved.save.scenarioFile);
    return {
      state: { ...next, notices },
      effects: announce(
        `Welcome back. Your game of ${saved.scenario.title} resumes at round ${saved.match.state.round}.`,
      ),
    };
  }
  if (saved.kind === 'set-aside') next = { ...next, titleMessage: saved.message, backup: saved.backup };
  return same({ ...navigate(next, 'title'), notices });
}

function scenarioList(lib: Lib): AppState['scenarios'] {
  return { entries: [...lib.catalog.entries], failures: [...lib.catalog.failures] };
}

/** The file of a scenario the player opened (a save carries it), or undefined for a shipped one. */
function openedFile(state: AppState, id: string): ScenarioFile | undefined {
  const entry = catalogEntry(state, id);
  return entry?.origin === 'opened' ? entry.source : undefined;
}

// --- choosing and setting up ---------------------------------------------------------------

function chooseScenario(state: AppState, id: string, services: Services): Result {
  const scenario = findScenario(state, id);
  if (!scenario) return same(state);
  const side: Side = state.setup?.side ?? 'us';
  const setup = {
    side,
    doctrine: defaultDoctrine(scenario, side),
    difficulty: state.setup?.difficulty ?? 'normal',
    seed: services.randomSeed(),
  };
  return same(navigate({ ...state, scenario, scenarioFile: openedFile(state, id), setup }, 'setup'));
}

/** The scenario the title's "Play now" starts: a recent episode with a clear deal to be had. */
export const QUICK_START = { scenario: 'busan-2025', side: 'us' as Side, difficulty: 'normal' as const };

function playNow(state: AppState, services: Services): Result {
  const scenario = findScenario(state, QUICK_START.scenario) ?? state.scenarios.entries[0]?.scenario;
  if (!scenario) return same(state);
  const setup = {
    side: QUICK_START.side,
    doctrine: defaultDoctrine(scenario, QUICK_START.side),
    difficulty: QUICK_START.difficulty,
    seed: services.randomSeed(),
  };
  return same(
    navigate({ ...state, scenario, scenarioFile: openedFile(state, scenario.id), setup }, 'briefing'),
  );
}

function openScenarioFile(state: AppState, lib: Lib, file: ScenarioFile): Result {
  const result = lib.catalog.open(file);
  const notice: Notice = result.ok
    ? { kind: 'info', text: `Opened ${file.file}: “${result.scenario.title}” is now in the list.` }
    : { kind: 'error', text: `${file.file} could not be opened: see the problems listed below.` };
  const highlight = result.ok ? { ...state.highlight, scenario: result.scenario.id } : state.highlight;
  // On the Run a class form, the file opened is the scenario chosen (its other choices stay).
  const runForm = state.liveClass.runForm;
  const liveClass = result.ok && runForm ? { ...state.liveClass, runForm: { ...runForm, scenario: result.scenario.id, doctrines: {} } } : state.liveClass;
  return {
    state: { ...state, scenarios: scenarioList(lib), notices: [notice], highlight, liveClass },
    effects: announce(notice.text),
  };
}

function startMatch(state: AppState, lib: Lib, services: Services): Result {
  const spec = pendingSpec(state);
  const { scenario, setup } = state;
  if (!scenario || !setup || !spec) return same(state);
  const seed = spec.seed || services.randomSeed();
  let match: Match;
  try {
    match = setup.branch
      ? Match.branch(scenario, spec, lib.matchAi ?? lib.ai.negotiators)
      : Match.start(scenario, seed, spec.options, lib.matchAi ?? lib.ai.negotiators);
  } catch (error) {
    const text =
      error instanceof InvalidOptionsError
        ? `These options cannot start a game: ${error.problems.join('; ')}`
        : errorText(error);
    return same({ ...state, notices: [{ kind: 'error', text }] });
  }
  const entered = enterMatch(state, match, state.scenarioFile);
  // A take-over reports what happened from the branch point on; history's moves are in the log.
  const lastTurns = match.turns().filter((t) => t.by !== 'history');
  const opening = lastTurns.map((t) => turnAnnouncement(match, t)).join(' ');
  const start = match.branch
    ? `You take over from history after step ${match.branch.step}.`
    : 'The talks begin.';
  return { state: { ...entered, lastTurns }, effects: announce(`${start} ${opening}`.trim()) };
}

/** A new match on the table (or, when it is over, at its debrief). */
function enterMatch(state: AppState, match: Match, scenarioFile: ScenarioFile | undefined): AppState {
  const next: AppState = {
    ...state,
    match,
    matchVersion: state.matchVersion + 1,
    scenario: match.scenario,
    scenarioFile,
    draft: {},
    lastTurns: [],
    confirmingWalkout: false,
  };
  return match.ended ? navigate({ ...next, passTo: null }, 'debrief') : tableOrPass(next, match);
}

/** The table, or in a hot-seat game the screen that hands the device to the side to move first. */
function tableOrPass(state: AppState, match: Match): AppState {
  const to = match.hotSeat ? match.humanToMove() : null;
  return to ? navigate({ ...state, passTo: to }, 'pass-device') : navigate({ ...state, passTo: null }, 'table');
}

function newGameSameSetup(state: AppState, services: Services): AppState {
  const m = state.match;
  if (!m) return state;
  const side = m.playerSide ?? 'us';
  const opponentDifficulty = m.spec.options.difficulty[otherSide(side)];
  let setup: AppState['setup'] = {
    side,
    doctrine: m.spec.options.doctrines[side],
    // The setup offers the three difficulties; a game against the random player (from a result code) starts again against normal.
    difficulty: opponentDifficulty === 'random' ? 'normal' : opponentDifficulty,
    seed: services.randomSeed(),
  };
  // A branch of history starts again from the same point, under the same seed.
  const branch = m.branch;
  if (branch) {
    const point = m.scenario.history?.decisionPoints.find((d) => d.step === branch.step);
    const next = m.spec.moves[branch.step];
    const alternative =
      branch.alternative && next && point
        ? point.alternatives.findIndex((a) => a.move !== undefined && sameMove(m.scenario, a.move, next))
        : -1;
    setup = {
      ...setup,
      seed: m.spec.seed,
      branch: { step: branch.step, alternative: alternative >= 0 ? alternative : null },
    };
  }
  return navigate({ ...state, scenario: m.scenario, setup }, 'setup');
}

// --- the table -------------------------------------------------------------------------------

/** The player's move and the AI's replies, announced; a refused move is explained instead. */
function play(state: AppState, move: Move): Result {
  const match = state.match;
  if (!match) return same(state);
  if (match.remoteSide) return playAtClassTable(state, match, move);
  let turns: Turn[];
  try {
    turns = match.play(move);
  } catch (error) {
    const text =
      error instanceof IllegalMoveError
        ? `That move is not allowed: ${error.message.replace(/^illegal move: /, '')}.`
        : `Something went wrong: ${errorText(error)}`;
    return {
      state: { ...state, notices: [{ kind: 'error', text }] },
      effects: [{ kind: 'sound', cue: 'error' }],
    };
  }
  const notices: readonly Notice[] =
    match.aiProblems.length > 0
      ? [{ kind: 'error', text: match.aiProblems[match.aiProblems.length - 1]! }]
      : NO_NOTICES;
  const played: AppState = {
    ...state,
    matchVersion: state.matchVersion + 1,
    lastTurns: turns,
    draft: {},
    confirmingWalkout: false,
    notices,
  };
  // Hot seat: the other side's view stays hidden until the device has changed hands.
  const next = match.hotSeat && !match.ended && match.humanToMove() !== move.side ? tableOrPass(played, match) : played;
  const said =
    turns.map((t) => turnAnnouncement(match, t)).join(' ') +
    (match.ended ? ' The talks are over: the debrief is ready.' : '');
  const cue = match.ended
    ? match.state.outcome?.kind === 'deal'
      ? 'deal'
      : 'breakdown'
    : turns.some((t) => t.by === 'ai')
      ? 'ai'
      : 'move';
  return { state: next, effects: [{ kind: 'focus-after-move' }, ...announce(said), { kind: 'sound', cue }] };
}

/**
 * A decision the AI made off the page, played if the match is still as it was asked about;
 * announced as the in-page AI's replies are, and followed by the focus move once it is the
 * player's turn again.
 */
function aiDecided(state: AppState, version: number, decision: AiDecision | null, problem: string | undefined): Result {
  const match = state.match;
  if (!match || state.matchVersion !== version || match.aiToMove() === null) return same(state);
  const before = match.aiProblems.length;
  const turn = match.playAi(decision ?? new Error(problem ?? 'it gave no decision'));
  const notices: readonly Notice[] =
    match.aiProblems.length > before ? [{ kind: 'error', text: match.aiProblems[match.aiProblems.length - 1]! }] : state.notices;
  const next: AppState = {
    ...state,
    matchVersion: state.matchVersion + 1,
    lastTurns: [...state.lastTurns, turn],
    notices,
  };
  const said = turnAnnouncement(match, turn) + (match.ended ? ' The talks are over: the debrief is ready.' : '');
  const cue = match.ended ? (match.state.outcome?.kind === 'deal' ? 'deal' : 'breakdown') : 'ai';
  const waiting = match.aiToMove() !== null;
  return {
    state: next,
    effects: [...(waiting ? [] : [{ kind: 'focus-after-move' } as const]), ...announce(said), { kind: 'sound', cue }],
  };
}

function afterRewind(state: AppState, match: Match, message: string): Result {
  const next = tableOrPass(
    { ...state, matchVersion: state.matchVersion + 1, draft: {}, lastTurns: [], confirmingWalkout: false },
    match,
  );
  const opener = match.turns().filter((t) => t.round === match.state.round && t.by === 'ai');
  return {
    state: next,
    effects: announce(`${message} ${opener.map((t) => turnAnnouncement(match, t)).join(' ')}`.trim()),
  };
}

/** A move in a sentence, for screen readers; the AI's with its stated reason. */
function turnAnnouncement(match: Match, t: Turn): string {
  const sentence = describeMove(match.scenario, t.move, match.stateBefore(t.index), match.playerSide);
  return t.ai ? `${sentence} In its words: ${t.ai.say}` : sentence;
}

// --- result codes ----------------------------------------------------------------------------

function openCode(state: AppState, lib: Lib, code: string): Result {
  const opened = openResultCode(code, (id) => findScenario(state, id), lib.matchAi ?? lib.ai.negotiators);
  if (!opened.ok) return same({ ...state, code: { text: code, error: opened.message } });
  const { match, scenario } = opened;
  const next = enterMatch(
    { ...state, code: { text: '', error: null } },
    match,
    openedFile(state, scenario.id),
  );
  return {
    state: next,
    effects: announce(
      match.ended
        ? `Opened a finished game of ${scenario.title}: its debrief follows.`
        : `Opened a game of ${scenario.title} at round ${match.state.round}: play on.`,
    ),
  };
}

/**
 * A link from outside: a game's setup filled in, or a result code opened. A link that cannot be
 * read says why on the screen the player is on (a game resumed from the save stays at the table).
 */
function openLink(state: AppState, lib: Lib, query: string, services: Services): Result {
  const reading = readLink(query, state.scenarios.entries.map((e) => e.scenario));
  if (reading.kind === 'none') return same(state);
  if (reading.kind === 'invalid') {
    const text = `This link cannot be opened: ${reading.problems.join('; ')}.`;
    return { state: { ...state, notices: [...state.notices, { kind: 'error', text }] }, effects: announce(text) };
  }
  if (reading.kind === 'code') {
    const opened = openCode({ ...state, backToClass: null }, lib, reading.code);
    // A code that does not open is shown where codes are typed, with its problem, to be corrected.
    return opened.state.code.error === null ? opened : same(navigate(opened.state, 'load-code'));
  }
  // The link's step is the number the replay shows, which is its position (0 is the start).
  if (reading.kind === 'replay') return openReplay(state, lib, reading.scenario.id, reading.step ?? 0);
  const { scenario } = reading;
  const side: Side = reading.side ?? 'us';
  const setup = {
    side,
    doctrine: reading.doctrine ?? defaultDoctrine(scenario, side),
    difficulty: reading.difficulty ?? 'normal',
    seed: reading.seed ?? services.randomSeed(),
  };
  return same(navigate({ ...state, scenario, scenarioFile: openedFile(state, scenario.id), setup }, 'setup'));
}

// --- history ---------------------------------------------------------------------------------

function openReplay(state: AppState, lib: Lib, id: string, position: number): Result {
  const scenario = findScenario(state, id);
  if (!scenario?.history) return same(state);
  // A position past the path (a game's branch step of an older scenario file) shows its last frame.
  const r = lib.history.replayOf(scenario);
  position = clampPosition(r, position);
  const next = navigate(
    { ...state, replaying: { id, position }, highlight: { ...state.highlight, episode: id } },
    'replay',
  );
  return {
    state: next,
    effects: announce(`Replay of ${scenario.title}. ${lib.history.replayAnnouncement(r, position)}`),
  };
}

/** Move the replay to a position (clamped), from a button, a key or the teaching notes. */
function setReplayPosition(state: AppState, lib: Lib, position: number): Result {
  const r = currentReplay(state);
  const replaying = state.replaying;
  if (!r || !replaying) return same(state);
  const to = clampPosition(r, position);
  const moved = to !== replaying.position;
  const onReplay = state.screen === 'replay';
  if (!moved && onReplay) return same(state);
  const next: AppState = { ...state, replaying: { ...replaying, position: to } };
  return {
    state: onReplay ? next : navigate(next, 'replay'),
    // A new step is read from the top of the panel, wherever the last one was scrolled to.
    effects: [
      ...(onReplay ? [{ kind: 'scroll-top' } as const] : []),
      ...announce(lib.history.replayAnnouncement(r, to)),
    ],
  };
}
