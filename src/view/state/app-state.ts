import type { Difficulty, GameSpec, Package, Scenario, Side } from '../../core/types';
import type * as Negotiators from '../../session/ai';
import type { CatalogEntry, CatalogFailure, ScenarioCatalog, ScenarioFile } from '../../session/catalog';
import type { Debrief } from '../../session/debrief';
import type { DebriefFront } from '../../session/debrief-front';
import type { HistoryDebrief } from '../../session/history-debrief';
import type { HistoryReplay } from '../../session/history-replay';
import type { Ai, Match, Turn } from '../../session/match';
import type { Resumed } from '../../session/save';
import type { Settings } from '../../session/settings';
import { EMPTY_CLASS_PAGE, type ClassPageState } from './class-page';
import { NO_LIVE_CLASS, type LiveClassView } from './class-live-state';
import type { AiAgreement, AiStepComparison } from '../../session/ai-agreement';
import type { FidelitySummary } from '../../session/fidelity-summary';
import type { EpisodeMaterials, MaterialKind } from '../../session/material-set';
import type { Glossary } from '../../session/scenario-loader';

/**
 * The game in the browser as one value: which screen is shown, the choices made so far, the
 * match, the draft package, what the player is told. Screens read it; only the actions in
 * update.ts make a new one. No DOM and no Phaser here, so it runs (and is tested) in Node.
 */

export type ScreenName =
  | 'title'
  | 'choice'
  | 'setup'
  | 'briefing'
  | 'table'
  | 'debrief'
  | 'load-code'
  | 'history'
  | 'replay'
  | 'history-notes'
  | 'class-page'
  | 'pass-device'
  | 'class-run'
  | 'class-teacher'
  | 'class-join'
  | 'class-lobby'
  | 'materials';

/** The screens that show a class debrief whose games open at their own debrief. */
export type ClassDebriefScreen = Extract<ScreenName, 'class-page' | 'class-teacher'>;

/** A tab of the materials screen: one of an episode's three documents, or the glossary. */
export type MaterialTab = MaterialKind | 'glossary';

export interface SetupChoice {
  readonly side: Side;
  readonly doctrine: string;
  readonly difficulty: Difficulty;
  readonly seed: string;
  /**
   * Taking over from a replay: keep history's first `step` moves, then (when given) play the
   * alternative of the decision point at that step. The seed is then the replay's.
   */
  readonly branch?: { readonly step: number; readonly alternative: number | null };
  /** Hot seat: both sides played by people at this device, each side's view behind a hand-over screen. */
  readonly hotSeat?: boolean;
}

export interface Notice {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export type AiModule = Pick<typeof Negotiators, 'negotiators' | 'ledgerOf' | 'intelReport'>;

/** What the history screens compute (src/view/history-ui.ts gives it, with the screens themselves). */
export interface HistoryData {
  /** An episode's replay under its reference seed (computed once per scenario). */
  replayOf(scenario: Scenario): HistoryReplay;
  /** The side-by-side comparison of a finished game of a historical scenario. */
  historyDebriefOf(scenario: Scenario, spec: GameSpec, player: Side | null): HistoryDebrief;
  /** What a screen reader hears when the replay moves. */
  replayAnnouncement(replay: HistoryReplay, position: number): string;
  /** The teaching materials and the glossary, and what the teaching notes compute (src/view/materials-data.ts). */
  materials: MaterialsData;
}

/** The teaching materials and the glossary, and the costlier figures of the teaching notes (each computed once). */
export interface MaterialsData {
  /** The glossary, or null when its file is missing or does not load (the problem is in `problems`). */
  readonly glossary: Glossary | null;
  /** Why a shipped material could not be used, file by file (shown on the materials screen). */
  readonly problems: readonly string[];
  /** An episode's background brief, role briefs and teacher's guide (null where a file is missing). */
  materialsOf(scenarioId: string): EpisodeMaterials;
  /** What the AI in a side's doctrine would have done at a step of the real path (null at a supposed step). */
  aiChoiceOf(scenario: Scenario, step: number): AiStepComparison | null;
  aiAgreementOf(scenario: Scenario): AiAgreement;
  fidelityOf(scenario: Scenario): FidelitySummary;
}

/**
 * The code and data that arrive after the title's first frame: the scenarios (the catalog also
 * takes files the player opens), the AI, and the history screens' computations.
 */
export interface Lib {
  readonly catalog: ScenarioCatalog;
  readonly ai: AiModule;
  readonly history: HistoryData;
  /**
   * How the table's matches play the AI: AI_ELSEWHERE when the shell asks a Web Worker and
   * dispatches its decisions (`ai-decided`); the AI in the page (`ai.negotiators`) when absent.
   */
  readonly matchAi?: Ai;
}

/** The scenarios as the screens list them: a copy taken whenever the catalog changes. */
export interface ScenarioList {
  readonly entries: readonly CatalogEntry[];
  readonly failures: readonly CatalogFailure[];
}

/** A finished game's debrief, computed once when the debrief is first shown (the counterfactual is costly). */
export interface DebriefView {
  /** The game it is of (its spec as JSON): a rewind makes it stale. */
  readonly key: string;
  readonly debrief: Debrief;
  /** For a game of a real episode: the game beside history. */
  readonly history: HistoryDebrief | null;
  /** The first screen's moves that mattered, question to discuss and deal chart. */
  readonly front: DebriefFront;
}

export interface AppState {
  /** Null until the scenarios, the AI and the history code are in; the panel shows its loading note till then. */
  readonly lib: Lib | null;
  readonly scenarios: ScenarioList;
  readonly screen: ScreenName;
  readonly settings: Readonly<Settings>;
  /** The modal dialog open over the screen. */
  readonly dialog: 'settings' | null;
  /** The scenario chosen (on the choice screen, by a replay's take-over, or the match's). */
  readonly scenario: Scenario | null;
  /** The file of a scenario the player opened (carried in the save). */
  readonly scenarioFile: ScenarioFile | undefined;
  readonly setup: SetupChoice | null;
  /**
   * The match, a handle on a mutable session object: only the actions call its moves, and bump
   * `matchVersion` each time they change it, so listeners (the autosave, the canvas) see a change.
   */
  readonly match: Match | null;
  readonly matchVersion: number;
  readonly draft: Readonly<Package>;
  /** The moves since the player's previous move: the "what just happened" report. */
  readonly lastTurns: readonly Turn[];
  readonly confirmingWalkout: boolean;
  readonly notices: readonly Notice[];
  /** A message for the title screen (an unreadable save), and the earlier save it offers. */
  readonly titleMessage: string | null;
  readonly backup: Resumed | null;
  readonly debrief: DebriefView | null;
  /** The episode being replayed and where the replay stands (0: before the first step). */
  readonly replaying: { readonly id: string; readonly position: number } | null;
  /** What the canvas highlights on the choice and history screens (the card hovered or focused). */
  readonly highlight: { readonly scenario: string | null; readonly episode: string | null };
  /** The load-code screen: the text last tried, and why it could not be opened. */
  readonly code: { readonly text: string; readonly error: string | null };
  /** The class page from result codes. */
  readonly classPage: ClassPageState;
  /** The class screen the game open now was opened from (its debrief leads back there): the class page, or the teacher's live class. */
  readonly backToClass: ClassDebriefScreen | null;
  /** The name a student types on the debrief, handed in with the result code. */
  readonly studentName: string;
  /** Hot seat: the side the device is being passed to (its view stays hidden until it says it is there). */
  readonly passTo: Side | null;
  /** The live class: the teacher's class or the student's seat (null parts when there is none). */
  readonly liveClass: LiveClassView;
  /** The materials screen: whose materials (null: the glossary alone), which tab, and the screen it returns to. */
  readonly materials: { readonly id: string | null; readonly tab: MaterialTab; readonly back: ScreenName } | null;
  /** The glossary term open in its dialog over the screen. */
  readonly glossaryTerm: string | null;
}

/**
 * The match as screens may use it: everything that reads, nothing that plays. A screen asks for
 * a move by dispatching an action.
 */
export type ReadonlyMatch = Omit<Match, 'play' | 'rewindToRound' | 'undoLastHumanMove'>;

/** The state as screens see it. */
export type ViewState = Omit<AppState, 'match'> & { readonly match: ReadonlyMatch | null };

export function initialState(settings: Settings): AppState {
  return {
    lib: null,
    scenarios: { entries: [], failures: [] },
    screen: 'title',
    settings,
    dialog: null,
    scenario: null,
    scenarioFile: undefined,
    setup: null,
    match: null,
    matchVersion: 0,
    draft: {},
    lastTurns: [],
    confirmingWalkout: false,
    notices: [],
    titleMessage: null,
    backup: null,
    debrief: null,
    replaying: null,
    highlight: { scenario: null, episode: null },
    code: { text: '', error: null },
    classPage: EMPTY_CLASS_PAGE,
    backToClass: null,
    studentName: '',
    passTo: null,
    liveClass: NO_LIVE_CLASS,
    materials: null,
    glossaryTerm: null,
  };
}
