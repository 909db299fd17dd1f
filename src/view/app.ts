import { defaultOptions, IllegalMoveError, InvalidOptionsError } from '../core/engine';
import { branchSpec, sameMove } from '../core/history';
import { decodeResult, ResultCodeError } from '../core/result-code';
import { doctrinesFor, otherSide, profileOf } from '../core/scenario-lookup';
import type { Difficulty, GameOptions, GameSpec, Move, Package, Scenario, Side } from '../core/types';
import { ScenarioCatalog, type ScenarioFile, type ScenarioLoader } from '../session/catalog';
import { buildDebrief, type Debrief } from '../session/debrief';
import type { HistoryReplay } from '../session/history-replay';
import { pruneDraft } from '../session/draft';
import type * as Negotiators from '../negotiators/index';
import type * as HistoryModule from './history-ui';
import { Match, type Ai, type Turn } from '../session/match';
import { AutoSave, type Resumed } from '../session/save';
import { defaultSettings, loadSettings, storeSettings, type Settings } from '../session/settings';
import { errorText, type KeyValueStorage } from '../session/storage';
import { describeMove } from '../session/text';
import { clear, h } from './dom';
import { stageContext } from './scenes/context';
import { briefingScreen } from './screens/briefing';
import { choiceScreen } from './screens/choice';
import { debriefScreen } from './screens/debrief';
import { loadCodeScreen } from './screens/load-code';
import { SettingsDialog } from './screens/settings';
import { setupScreen } from './screens/setup';
import { tableScreen } from './screens/table';
import { titleScreen } from './screens/title';
import { Sound } from './sound';
import { HIGH_CONTRAST, NORMAL } from './theme';
import { Stage, type SceneKey, type SceneModels } from './stage';

export type Screen = 'title' | 'choice' | 'setup' | 'briefing' | 'table' | 'debrief' | 'load-code' | 'history' | 'replay' | 'history-notes';

/** What a screen renders: its heading, its DOM panel and its canvas. */
export interface ScreenView {
  title: string;
  body: Node[];
  scene: { [K in SceneKey]: { key: K; model: SceneModels[K] } }[SceneKey];
}

export interface SetupChoice {
  side: Side;
  doctrine: string;
  difficulty: Difficulty;
  seed: string;
  /**
   * Taking over from a replay: keep history's first `step` moves, then (when given) play the
   * alternative of the decision point at that step. The seed is then the replay's.
   */
  branch?: { step: number; alternative: number | null };
}

export interface AppDeps {
  storage: KeyValueStorage;
  /** The shipped scenario files and the loader that validates them (both fetched after the first frame). */
  scenarios(): Promise<{ files: ScenarioFile[]; load: ScenarioLoader }>;
  prefersReducedMotion: boolean;
  /** The AI negotiators (src/negotiators), fetched after the first frame. */
  ai(): Promise<AiModule>;
  /** A fresh seed for a new game (the browser may use its own randomness; the core never does). */
  randomSeed(): string;
  /** The history screens (src/view/history-ui.ts), fetched after the first frame. */
  history(): Promise<HistoryUi>;
}

export type AiModule = Pick<typeof Negotiators, 'createNegotiator' | 'ledgerOf' | 'intelReport'>;
export type HistoryUi = typeof HistoryModule;

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/**
 * The game in the browser: which screen is shown, the choices made so far, the match, and the
 * draft package. It renders each screen's DOM panel and hands its canvas model to the stage.
 */
export class App {
  catalog!: ScenarioCatalog;
  autosave!: AutoSave;
  ai!: AiModule;
  historyUi!: HistoryUi;
  /** The episode being replayed and where the replay stands (0: before the first step). */
  replaying: { id: string; position: number } | null = null;
  /** Which episode the history timeline highlights. */
  focusedEpisode: string | null = null;
  /** The AI of each side it plays, as the session asks for it: a negotiator that follows the game. */
  readonly decide: Ai = { seat: (scenario, options, side) => this.ai.createNegotiator(scenario, options, side) };
  readonly sound = new Sound();
  settings: Settings;
  screen: Screen = 'title';
  /** The scenario chosen on the choice screen. */
  scenario: Scenario | null = null;
  setup: SetupChoice | null = null;
  match: Match | null = null;
  /** The file of a scenario the player opened (carried in the save). */
  scenarioFile: ScenarioFile | undefined;
  draft: Package = {};
  /** The moves since the player's previous move: the "what just happened" report. */
  lastTurns: Turn[] = [];
  notices: Notice[] = [];
  /** A message for the title screen (an unreadable save), and the earlier save it offers. */
  titleMessage: string | null = null;
  backup: Resumed | null = null;
  confirmingWalkout = false;
  /** The debrief of a finished game, computed once. */
  private debriefCache: { key: string; debrief: Debrief } | null = null;
  /** Which scenario card the canvas highlights. */
  focusedScenario: string | null = null;
  codeError: string | null = null;
  codeText = '';
  moveKey = 0;
  private lastScreen: Screen | null = null;
  private readonly settingsDialog: SettingsDialog;
  readonly stage: Stage;

  constructor(
    private readonly panel: HTMLElement,
    private readonly announcer: HTMLElement,
    stageParent: HTMLElement,
    readonly deps: AppDeps,
  ) {
    this.settings = loadSettings(deps.storage, defaultSettings(deps.prefersReducedMotion));
    this.applySettings();
    this.stage = new Stage(stageParent, { key: 'title', model: { tagline: TAGLINE } });
    this.settingsDialog = new SettingsDialog(this);
    stageContext.setChip = (issue, position, inPackage) => this.setChip(issue, position, inPackage);
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  /**
   * Load the scenarios, then resume the autosave or show the title (with a message if the save
   * could not be read). The title screen's canvas is already drawing meanwhile.
   */
  async start(): Promise<void> {
    const [{ files, load }, ai, historyUi] = await Promise.all([this.deps.scenarios(), this.deps.ai(), this.deps.history()]);
    this.ai = ai;
    this.historyUi = historyUi;
    this.stage.register(historyUi.historyScenes);
    this.catalog = new ScenarioCatalog(files, load);
    this.autosave = new AutoSave(this.deps.storage, this.catalog, this.decide);
    const loaded = this.autosave.load();
    if (loaded.kind === 'ok') {
      this.enterMatch(loaded.match, loaded.save.scenarioFile);
      this.announce(`Welcome back. Your game of ${loaded.scenario.title} resumes at round ${loaded.match.state.round}.`);
      return;
    }
    if (loaded.kind === 'set-aside') {
      this.titleMessage = loaded.message;
      this.backup = loaded.backup;
    }
    this.go('title');
  }

  // --- navigation ------------------------------------------------------------------------

  go(screen: Screen): void {
    this.screen = screen;
    this.notices = screen === 'table' || screen === 'debrief' ? this.notices : [];
    this.render();
  }

  openSettings(): void {
    this.settingsDialog.open();
  }

  chooseScenario(id: string): void {
    const scenario = this.catalog.find(id);
    if (!scenario) return;
    this.scenario = scenario;
    this.scenarioFile = this.catalog.entry(id)?.origin === 'opened' ? this.catalog.entry(id)!.source : undefined;
    const side: Side = this.setup?.side ?? 'us';
    this.setup = { side, doctrine: this.defaultDoctrine(scenario, side), difficulty: this.setup?.difficulty ?? 'normal', seed: this.deps.randomSeed() };
    this.go('setup');
  }

  defaultDoctrine(scenario: Scenario, side: Side): string {
    const fromProfile = profileOf(scenario, scenario.sides[side].defaultProfile).doctrine;
    return doctrinesFor(scenario, side).some((d) => d.id === fromProfile) ? fromProfile : doctrinesFor(scenario, side)[0]!.id;
  }

  updateSetup(change: Partial<SetupChoice>): void {
    if (!this.setup || !this.scenario) return;
    const next = { ...this.setup, ...change };
    if (change.side && change.side !== this.setup.side) next.doctrine = this.defaultDoctrine(this.scenario, change.side);
    this.setup = next;
    this.render();
  }

  /** Options for the game about to start: the player's doctrine, the AI's from its profile. */
  gameOptions(): GameOptions | null {
    if (!this.scenario || !this.setup) return null;
    const { side, doctrine, difficulty } = this.setup;
    const ai = otherSide(side);
    const base = defaultOptions(this.scenario, { humans: [side] });
    return {
      ...base,
      doctrines: { ...base.doctrines, [side]: doctrine, [ai]: profileOf(this.scenario, this.scenario.sides[ai].defaultProfile).doctrine },
      difficulty: { ...base.difficulty, [ai]: difficulty },
    };
  }

  /**
   * The game the setup describes, before it starts: no moves for a new game; for a take-over,
   * history's first moves (and the chosen alternative), under the replay's seed.
   */
  pendingSpec(): GameSpec | null {
    const options = this.gameOptions();
    const scenario = this.scenario;
    const setup = this.setup;
    if (!scenario || !setup || !options) return null;
    const branch = setup.branch;
    if (!branch) return { scenario: { id: scenario.id, version: scenario.version }, seed: setup.seed.trim(), options, moves: [] };
    const point = scenario.history?.decisionPoints.find((d) => d.step === branch.step);
    const alternative = branch.alternative === null ? undefined : point?.alternatives[branch.alternative]?.move;
    return branchSpec(scenario, branch.step, setup.seed, options, alternative ? [alternative] : []);
  }

  startMatch(): void {
    const spec = this.pendingSpec();
    if (!this.scenario || !this.setup || !spec) return;
    const seed = spec.seed || this.deps.randomSeed();
    let match: Match;
    try {
      match = this.setup.branch ? Match.branch(this.scenario, spec, this.decide) : Match.start(this.scenario, seed, spec.options, this.decide);
    } catch (error) {
      this.notices = [{ kind: 'error', text: error instanceof InvalidOptionsError ? `These options cannot start a game: ${error.problems.join('; ')}` : errorText(error) }];
      this.render();
      return;
    }
    this.enterMatch(match, this.scenarioFile);
    // A take-over reports what happened from the branch point on; history's moves are in the log.
    this.lastTurns = match.turns().filter((t) => t.by !== 'history');
    // Show what the AI did before the player's first move (an opening offer, an answer to history).
    if (this.lastTurns.length > 0) this.render();
    this.save();
    const opening = this.lastTurns.map((t) => this.turnAnnouncement(t)).join(' ');
    const start = match.branch ? `You take over from history after step ${match.branch.step}.` : 'The talks begin.';
    this.announce(`${start} ${opening}`.trim());
  }

  private enterMatch(match: Match, scenarioFile?: ScenarioFile): void {
    this.match = match;
    this.scenario = match.scenario;
    this.scenarioFile = scenarioFile;
    this.draft = {};
    this.lastTurns = [];
    this.confirmingWalkout = false;
    this.moveKey += 1;
    this.go(match.ended ? 'debrief' : 'table');
  }

  resumeBackup(): void {
    const b = this.backup;
    if (!b) return;
    this.backup = null;
    this.titleMessage = null;
    this.enterMatch(b.match, b.save.scenarioFile);
    this.save();
  }

  // --- the table ---------------------------------------------------------------------------

  get playerSide(): Side {
    return this.match?.playerSide ?? this.setup?.side ?? 'us';
  }

  setChip(issue: string, position: string, inPackage: boolean): void {
    if (!this.match || this.match.humanToMove() === null) return;
    const next = { ...this.draft };
    if (inPackage) next[issue] = position;
    else if (next[issue] === position) delete next[issue];
    this.draft = pruneDraft(this.match.scenario, this.match.state, next);
    this.sound.play('chip');
    this.render();
  }

  toggleChip(issue: string, position: string): void {
    this.setChip(issue, position, this.draft[issue] !== position);
  }

  clearDraft(): void {
    this.draft = {};
    this.render();
  }

  startFromStanding(): void {
    const match = this.match;
    if (!match?.state.standing) return;
    this.draft = pruneDraft(match.scenario, match.state, match.state.standing.package);
    this.render();
  }

  /** Play the player's move and the AI's replies; announce them; autosave. */
  play(move: Move): void {
    const match = this.match;
    if (!match) return;
    let turns: Turn[];
    try {
      turns = match.play(move);
    } catch (error) {
      const text = error instanceof IllegalMoveError ? `That move is not allowed: ${error.message.replace(/^illegal move: /, '')}.` : `Something went wrong: ${errorText(error)}`;
      this.notices = [{ kind: 'error', text }];
      this.sound.play('error');
      this.render();
      return;
    }
    this.lastTurns = turns;
    this.draft = {};
    this.confirmingWalkout = false;
    this.notices = match.aiProblems.length > 0 ? [{ kind: 'error', text: match.aiProblems[match.aiProblems.length - 1]! }] : [];
    this.moveKey += 1;
    this.save();
    this.focusAfterMove = true;
    this.render();
    this.announce(turns.map((t) => this.turnAnnouncement(t)).join(' ') + (match.ended ? ' The talks are over: the debrief is ready.' : ''));
    if (match.ended) this.sound.play(match.state.outcome?.kind === 'deal' ? 'deal' : 'breakdown');
    else this.sound.play(turns.some((t) => t.by === 'ai') ? 'ai' : 'move');
  }

  rewind(round: number): void {
    const match = this.match;
    if (!match) return;
    match.rewindToRound(round);
    this.afterRewind(`Back to the start of round ${round}.`);
  }

  undo(): void {
    const match = this.match;
    if (!match || !match.undoLastHumanMove()) return;
    this.afterRewind(`Your last move was undone. Round ${match.state.round}.`);
  }

  private afterRewind(message: string): void {
    const match = this.match!;
    this.draft = {};
    this.lastTurns = [];
    this.confirmingWalkout = false;
    this.moveKey += 1;
    this.save();
    this.go('table');
    const opener = match.turns().filter((t) => t.round === match.state.round && t.by === 'ai');
    this.announce(`${message} ${opener.map((t) => this.turnAnnouncement(t)).join(' ')}`.trim());
  }

  turnAnnouncement(t: Turn): string {
    const match = this.match!;
    const sentence = describeMove(match.scenario, t.move, match.stateBefore(t.index), match.playerSide);
    return t.ai ? `${sentence} In its words: ${t.ai.say}` : sentence;
  }

  debrief(): Debrief | null {
    const match = this.match;
    if (!match || !match.ended) return null;
    const key = JSON.stringify(match.spec);
    if (this.debriefCache?.key !== key) this.debriefCache = { key, debrief: buildDebrief(match.scenario, match.spec, this.ai.ledgerOf, match.playerSide ?? 'us') };
    return this.debriefCache.debrief;
  }

  newGameSameSetup(): void {
    if (!this.match) return;
    const m = this.match;
    this.scenario = m.scenario;
    const side = m.playerSide ?? 'us';
    this.setup = { side, doctrine: m.spec.options.doctrines[side], difficulty: m.spec.options.difficulty[otherSide(side)], seed: this.deps.randomSeed() };
    // A branch of history starts again from the same point, under the same seed.
    const branch = m.branch;
    if (branch) {
      const point = m.scenario.history?.decisionPoints.find((d) => d.step === branch.step);
      const next = m.spec.moves[branch.step];
      const alternative = branch.alternative && next && point ? point.alternatives.findIndex((a) => a.move !== undefined && sameMove(m.scenario, a.move, next)) : -1;
      this.setup = { ...this.setup, seed: m.spec.seed, branch: { step: branch.step, alternative: alternative >= 0 ? alternative : null } };
    }
    this.go('setup');
  }

  // --- history ---------------------------------------------------------------------------

  /** The episode being replayed, or null. */
  currentReplay(): HistoryReplay | null {
    const id = this.replaying?.id;
    const scenario = id ? this.catalog.find(id) : undefined;
    return scenario?.history ? this.historyUi.replayOf(scenario) : null;
  }

  openReplay(id: string, position = 0): void {
    const scenario = this.catalog.find(id);
    if (!scenario?.history) return;
    this.replaying = { id, position };
    this.focusedEpisode = id;
    this.go('replay');
    this.announce(`Replay of ${scenario.title}. ${this.historyUi.replayAnnouncement(this.currentReplay()!, position)}`);
  }

  /** Move the replay to a position (clamped), from a button, a key or the notes. */
  setReplayPosition(position: number): void {
    const r = this.currentReplay();
    if (!r || !this.replaying) return;
    const to = Math.max(0, Math.min(r.frames.length - 1, position));
    const moved = to !== this.replaying.position;
    this.replaying = { ...this.replaying, position: to };
    if (this.screen !== 'replay') this.go('replay');
    else if (moved) {
      this.render();
      // A new step is read from the top of the panel, wherever the last one was scrolled to.
      this.panel.scrollTop = 0;
    }
    if (moved || this.screen !== 'replay') this.announce(this.historyUi.replayAnnouncement(r, to));
  }

  /**
   * Take over from the replay at `position` (history's moves before it are kept), as `side`,
   * optionally playing a decision point's alternative first. The setup screen comes next.
   */
  takeOver(r: HistoryReplay, position: number, side: Side, alternative: number | null): void {
    const scenario = r.scenario;
    this.scenario = scenario;
    const entry = this.catalog.entry(scenario.id);
    this.scenarioFile = entry?.origin === 'opened' ? entry.source : undefined;
    this.setup = { side, doctrine: this.defaultDoctrine(scenario, side), difficulty: this.setup?.difficulty ?? 'normal', seed: r.seed, branch: { step: position, alternative } };
    this.go('setup');
  }

  /** The replay's keys: → / Page Down forward, ← / Page Up back, Home and End (a presentation clicker sends Page Up/Down). */
  private onKey(event: KeyboardEvent): void {
    if (this.screen !== 'replay' || !this.replaying || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]') || document.querySelector('dialog[open]')) return;
    const at = this.replaying.position;
    const to = { ArrowRight: at + 1, PageDown: at + 1, ArrowLeft: at - 1, PageUp: at - 1, Home: 0, End: Number.MAX_SAFE_INTEGER }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.setReplayPosition(to);
  }

  // --- result codes ------------------------------------------------------------------------

  openCode(code: string): void {
    this.codeText = code;
    let spec;
    try {
      spec = decodeResult(code, (id) => this.catalog.find(id));
    } catch (error) {
      this.codeError = error instanceof ResultCodeError ? `This code cannot be opened: ${error.message}.` : `This code cannot be opened: ${errorText(error)}.`;
      this.render();
      return;
    }
    const scenario = this.catalog.find(spec.scenario.id)!;
    let match: Match;
    try {
      match = Match.resume(scenario, spec, [], this.decide);
    } catch (error) {
      this.codeError = `This code names a game that does not replay: ${errorText(error)}.`;
      this.render();
      return;
    }
    this.codeError = null;
    this.codeText = '';
    const entry = this.catalog.entry(scenario.id);
    this.enterMatch(match, entry?.origin === 'opened' ? entry.source : undefined);
    this.save();
    this.announce(match.ended ? `Opened a finished game of ${scenario.title}: its debrief follows.` : `Opened a game of ${scenario.title} at round ${match.state.round}: play on.`);
  }

  openScenarioFile(file: ScenarioFile): void {
    const result = this.catalog.open(file);
    this.notices = result.ok
      ? [{ kind: 'info', text: `Opened ${file.file}: “${result.scenario.title}” is now in the list.` }]
      : [{ kind: 'error', text: `${file.file} could not be opened: see the problems listed below.` }];
    if (result.ok) this.focusedScenario = result.scenario.id;
    this.render();
    this.announce(this.notices[0]!.text);
  }

  // --- settings ------------------------------------------------------------------------------

  changeSettings(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    const problem = storeSettings(this.deps.storage, this.settings);
    this.applySettings();
    if (problem) this.announce(problem);
  }

  private applySettings(): void {
    const root = document.documentElement;
    root.classList.toggle('high-contrast', this.settings.highContrast);
    root.classList.toggle('text-large', this.settings.textSize === 'large');
    root.classList.toggle('text-larger', this.settings.textSize === 'larger');
    root.classList.toggle('reduced-motion', this.settings.reducedMotion);
    this.sound.enabled = this.settings.sound;
    stageContext.reducedMotion = this.settings.reducedMotion;
    // The stage exists after the constructor's first call.
    if ((this as { stage?: Stage }).stage) this.stage.setLook(this.settings.highContrast, this.settings.reducedMotion);
    else {
      stageContext.highContrast = this.settings.highContrast;
      stageContext.palette = this.settings.highContrast ? HIGH_CONTRAST : NORMAL;
    }
  }

  // --- rendering -------------------------------------------------------------------------

  save(): void {
    if (!this.match) return;
    const problem = this.autosave.write(this.match, this.scenarioFile);
    if (problem) this.notices = [...this.notices.filter((n) => !n.text.startsWith('The game could not be saved')), { kind: 'error', text: problem }];
  }

  announce(text: string): void {
    if (!text) return;
    // A fresh node each time, so screen readers read every announcement even if it repeats.
    const item = h('p', null, text);
    this.announcer.appendChild(item);
    while (this.announcer.childNodes.length > 6) this.announcer.removeChild(this.announcer.firstChild!);
  }

  private view(): ScreenView {
    switch (this.screen) {
      case 'title':
        return titleScreen(this);
      case 'choice':
        return choiceScreen(this);
      case 'setup':
        return this.setup && this.scenario ? setupScreen(this) : titleScreen(this);
      case 'briefing':
        return this.setup && this.scenario ? briefingScreen(this) : titleScreen(this);
      case 'table':
        return this.match ? tableScreen(this) : titleScreen(this);
      case 'debrief':
        return this.debrief() ? debriefScreen(this) : titleScreen(this);
      case 'load-code':
        return loadCodeScreen(this);
      case 'history':
        return this.historyUi.historyScreen(this);
      case 'replay': {
        const r = this.currentReplay();
        return r ? this.historyUi.replayScreen(this, r, this.replaying!.position) : this.historyUi.historyScreen(this);
      }
      case 'history-notes': {
        const r = this.currentReplay();
        return r ? this.historyUi.historyNotesScreen(this, r.scenario, this.replaying!.position) : this.historyUi.historyScreen(this);
      }
    }
  }

  render(): void {
    // Until the scenarios are in (a moment after the first frame), the panel keeps its loading note.
    if (!this.catalog) return;
    const active = document.activeElement;
    const focusKey = active instanceof HTMLElement && this.panel.contains(active) ? active.dataset.key : undefined;
    const scrollTop = this.panel.scrollTop;
    const view = this.view();
    clear(this.panel);
    const heading = h('h1', { id: 'screen-title', attrs: { tabindex: -1 } }, view.title);
    this.panel.appendChild(heading);
    for (const node of view.body) this.panel.appendChild(node);
    document.title = `${view.title} · Bargaining Chips`;
    this.stage.show(view.scene.key, view.scene.model as never);
    const first = this.lastScreen === null;
    const changed = this.lastScreen !== this.screen;
    this.lastScreen = this.screen;
    if (changed) {
      this.panel.scrollTop = 0;
      // On a narrow screen the page itself scrolls (canvas above, panel below): start at the top.
      if (!first) window.scrollTo({ top: 0 });
      // A new screen takes the focus to its heading (but a fresh page leaves the skip link first).
      if (!first) heading.focus({ preventScroll: true });
      return;
    }
    this.panel.scrollTop = scrollTop;
    const afterMove = this.focusAfterMove ? this.panel.querySelector<HTMLElement>('[data-focus-after-move]') : null;
    if (afterMove) {
      afterMove.focus({ preventScroll: true });
      afterMove.scrollIntoView({ block: 'start' });
    } else if (focusKey) {
      const again = this.panel.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again && !(again as HTMLButtonElement).disabled) again.focus({ preventScroll: true });
      else heading.focus({ preventScroll: true });
    }
    this.focusAfterMove = false;
  }

  focusKey(key: string): void {
    this.panel.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  /** Set before a render that should move focus to the element marked data-focus-after-move. */
  focusAfterMove = false;
}

export const TAGLINE = 'A negotiation game on US–China technology and trade: chips, rare earths, tariffs and the price of every deal.';
