import { applyMove, IllegalMoveError, newGame } from '../core/engine';
import { followsHistory, sameMove } from '../core/history';
import { checkMove } from '../core/rules';
import type { DecisionAlternative, Explanation, GameOptions, GameSpec, GameState, Move, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import type { AiDecision, Posture } from '../negotiators/index';
import { withWordsOf } from '../negotiators/decision-words';
import { withWords, type Worded } from './explain-words';
import type { AiNote } from './save-schema';
import { errorText } from './storage';
import { atSentenceStart, sideInSentence } from '../core/sentence';

export type { AiNote };

/** The AI's move from the whole game so far (src/negotiators' decideMove): all a script or a remote AI need offer. */
export type Decide = (scenario: Scenario, spec: GameSpec, side: Side) => AiDecision;

/** The AI of one side, following the game move by move (src/negotiators' Negotiator): it need not reread the log at each turn. */
export interface AiSeat {
  observe(move: Move, before: GameState, after: GameState): void;
  decide(state: GameState): AiDecision;
}

/**
 * The AI is played outside the match (the browser's Web Worker, src/view/shell/ai-worker.ts): the
 * match does not decide for it, but waits; `aiToMove` says which side is awaited and `playAi`
 * plays the decision made elsewhere.
 */
export const AI_ELSEWHERE = { elsewhere: true } as const;

/** How the match plays its AI sides: a Decide, seats that follow the game, or elsewhere. Passed in, so the browser can load the AI lazily. */
export type Ai = Decide | { seat(scenario: Scenario, options: GameOptions, side: Side): AiSeat } | typeof AI_ELSEWHERE;

/** A seat for a Decide: it keeps the moves it is shown and hands the decider the game so far. */
function decideSeat(decide: Decide, scenario: Scenario, options: GameOptions): AiSeat {
  const moves: Move[] = [];
  return {
    observe: (move) => void moves.push(move),
    decide: (state) => decide(scenario, { scenario: { id: scenario.id, version: scenario.version }, seed: state.seed, options, moves: [...moves] }, state.turn),
  };
}

/** One move of the log with everything the view shows about it. */
export interface Turn {
  index: number;
  move: Move;
  /** `history`: one of the historical moves a branched game starts from (see `Match.branch`). */
  by: 'human' | 'ai' | 'history';
  /** The round the move was made in. */
  round: number;
  /** What the move changed and why, each with its sentence. */
  explanations: Worded[];
  /** What the AI said, the analysis behind it and its posture, for its moves. */
  ai?: { say: string; analysis: string; posture: Posture };
  /** In a branched game: this move is the alternative of the decision point where the game took over (its label). */
  alternative?: string;
}

/** A place the game can be rewound to: the start of a round. */
export interface RewindPoint {
  round: number;
  /** Number of moves kept. */
  moves: number;
  /** In a branched game: the point where the player took over from history (it may fall mid-round). */
  takeover?: boolean;
}

/** What a human's own moves look like at the table. */
export function postureOfMove(move: Move | undefined, state: GameState): Posture {
  if (!move) return 'preparing';
  switch (move.type) {
    case 'propose':
      return 'probing';
    case 'accept':
      return state.outcome?.kind === 'deal' ? 'deal' : 'conceding';
    case 'reject':
    case 'hold':
      return 'firm';
    case 'impose':
    case 'threaten':
      return 'escalating';
    case 'walkout':
      return 'walked-out';
    case 'event':
      return 'preparing';
  }
}

/**
 * A match: the game as its move log, with the states it derives, coordinating the human sides
 * and the AI. Pure: no clock, no storage, no DOM. The AI is asked for its move whenever it is its
 * turn, so every move the player makes returns with the AI's replies already played.
 */
export class Match {
  private readonly states: GameState[];
  private readonly movesLog: Move[] = [];
  /**
   * What the engine explained for each move, worded when first read (`explanationsAt`): a
   * headless game (a Monte Carlo run, the AI's own games) never reads them, and the sentences
   * are a function of the scenario and the explanations alone, so wording them later words them
   * the same.
   */
  private readonly explanationLog: (readonly Explanation[] | Worded[])[] = [];
  private readonly worded: boolean[] = [];
  private readonly notes = new Map<number, AiNote>();
  /** The AI of each side it plays, following the game; made when first needed, dropped when the log is cut back. */
  private readonly seats = new Map<Side, AiSeat>();
  /** Problems met while playing the AI (its move was illegal or it failed); shown to the player. */
  readonly aiProblems: string[] = [];
  /**
   * For a game branched from a historical path: how many of its first moves are history's, and
   * how many the player cannot undo or rewind (history's, plus a decision point's alternative
   * played for the AI side), since the game would then no longer be that branch.
   */
  private branchInfo: { step: number; kept: number } | null = null;
  /**
   * A seat at a table the class server runs: the side this screen plays. The other side's moves
   * (a student's or the server's AI) arrive through `receive`; no AI is run here.
   */
  private remoteViewer: Side | null = null;

  private constructor(
    readonly scenario: Scenario,
    private readonly seed: string,
    private readonly options: GameOptions,
    private readonly ai: Ai,
  ) {
    this.states = [newGame(scenario, seed, options)];
  }

  /** A new game; the AI plays at once if it opens. */
  static start(scenario: Scenario, seed: string, options: GameOptions, ai: Ai): Match {
    const match = new Match(scenario, seed, options, ai);
    match.runAi();
    return match;
  }

  /**
   * Rebuild a match from a move log (a save, a result code). Throws IllegalMoveError if a move
   * is not legal, InvalidOptionsError for bad options. AI notes are kept for the AI's moves;
   * the AI then plays on if it is its turn.
   */
  static resume(scenario: Scenario, spec: GameSpec, notes: AiNote[], ai: Ai): Match {
    if (spec.scenario.id !== scenario.id || spec.scenario.version !== scenario.version) {
      throw new Error(`the game is of ${spec.scenario.id} v${spec.scenario.version}, not ${scenario.id} v${scenario.version}`);
    }
    const match = new Match(scenario, spec.seed, spec.options, ai);
    // A saved or coded branch of history comes back as a branch (a result code only records the
    // number of history's moves, so they are checked against the path before they are trusted).
    if (followsHistory(scenario, spec)) match.branchInfo = branchInfo(scenario, spec);
    for (const move of spec.moves) match.apply(move);
    for (const note of notes) {
      const move = spec.moves[note.move];
      if (move && note.move >= match.keptMoves && !spec.options.humans.includes(move.side)) match.notes.set(note.move, { ...note });
    }
    match.runAi();
    return match;
  }

  /**
   * A game branched from a historical path: `spec.moves` starts with history's first
   * `spec.options.branchStep` moves (and may go on with a decision point's alternative at that
   * step, for either side); the AI then plays on from exactly that state. Throws if the spec's
   * first moves are not history's.
   */
  static branch(scenario: Scenario, spec: GameSpec, ai: Ai): Match {
    if (spec.options.branchStep === undefined) throw new Error('a branch of history needs options.branchStep: how many of its moves are history’s');
    if (!followsHistory(scenario, spec)) throw new Error(`the first ${spec.options.branchStep} moves of this game are not the historical path of ${scenario.id}`);
    return Match.resume(scenario, spec, [], ai);
  }

  /**
   * One seat of a game the class server runs (src/session/class/protocol.ts): the moves so far,
   * replayed with the core as the server did. Throws IllegalMoveError if a move is not legal.
   */
  static remote(scenario: Scenario, spec: GameSpec, viewer: Side): Match {
    const match = new Match(scenario, spec.seed, spec.options, () => {
      throw new Error('a seat at a class table runs no AI of its own');
    });
    match.remoteViewer = viewer;
    for (const move of spec.moves) match.apply(move);
    return match;
  }

  /** Whether this game's AI side is played outside it (AI_ELSEWHERE, the browser's worker), so someone asks it. */
  get aiElsewhere(): boolean {
    return this.remoteViewer === null && 'elsewhere' in this.ai && this.options.humans.length < 2;
  }

  /** The seat's side at a class table, or null for a game played here. */
  get remoteSide(): Side | null {
    return this.remoteViewer;
  }

  /** A move the class server relayed (the partner's, the server's AI's, or this seat's own once accepted). */
  receive(move: Move): void {
    if (this.remoteViewer === null) throw new Error('only a seat at a class table receives moves');
    this.apply(move);
  }

  get state(): GameState {
    return this.states[this.states.length - 1]!;
  }

  get moves(): Move[] {
    return [...this.movesLog];
  }

  get spec(): GameSpec {
    return { scenario: { id: this.scenario.id, version: this.scenario.version }, seed: this.seed, options: this.options, moves: [...this.movesLog] };
  }

  get humans(): Side[] {
    return this.options.humans;
  }

  /**
   * The side the player plays (the first human side), or null when the AI plays both. In a
   * hot-seat game (both sides human) it is the side whose turn it is: the table, its words and
   * its private view (red lines, intelligence) are that side's while it holds the device.
   */
  get playerSide(): Side | null {
    if (this.remoteViewer) return this.remoteViewer;
    const humans = this.options.humans;
    if (humans.length > 1 && this.state.phase === 'negotiation' && humans.includes(this.state.turn)) return this.state.turn;
    return humans[0] ?? null;
  }

  /** Both sides are played by people at one device. */
  get hotSeat(): boolean {
    return this.remoteViewer === null && this.options.humans.length > 1;
  }

  get aiNotes(): AiNote[] {
    return [...this.notes.values()].sort((a, b) => a.move - b.move);
  }

  get ended(): boolean {
    return this.state.phase === 'ended';
  }

  /** Where a game branched from history took over: after `step` of history's moves (null for other games). */
  get branch(): { step: number; alternative: string | null } | null {
    return this.branchInfo && { step: this.branchInfo.step, alternative: this.alternativeAt(this.branchInfo.step) };
  }

  /** The label of the decision point's alternative that move `index` plays, if it is the first move after the branch point. */
  private alternativeAt(index: number): string | null {
    const b = this.branchInfo;
    const move = this.movesLog[index];
    if (!b || index !== b.step || !move) return null;
    return alternativeOf(this.scenario, b.step, move)?.label ?? null;
  }

  /** Moves the player cannot undo or rewind: history's, and an alternative played for the AI. */
  private get keptMoves(): number {
    return this.branchInfo?.kept ?? 0;
  }

  /** The human side whose move it is, or null (game over, or the AI's turn). */
  humanToMove(): Side | null {
    const s = this.state;
    if (s.phase !== 'negotiation') return null;
    if (this.remoteViewer) return s.turn === this.remoteViewer ? s.turn : null;
    return this.options.humans.includes(s.turn) ? s.turn : null;
  }

  stateBefore(moveIndex: number): GameState {
    return this.states[moveIndex]!;
  }

  /** All states: before any move, then after each move. */
  allStates(): readonly GameState[] {
    return this.states;
  }

  turns(): Turn[] {
    return this.movesLog.map((move, index) => this.turn(index, move));
  }

  private turn(index: number, move: Move): Turn {
    const note = this.notes.get(index);
    const human = this.options.humans.includes(move.side);
    const b = this.branchInfo;
    const alternative = this.alternativeAt(index);
    return {
      index,
      move,
      by: b && index < b.step ? 'history' : human ? 'human' : 'ai',
      ...(alternative ? { alternative } : {}),
      round: this.states[index]!.round,
      explanations: this.explanationsAt(index),
      ...(note && !human ? { ai: { say: note.say, analysis: note.analysis, posture: note.posture } } : {}),
    };
  }

  /** The AI side whose move it is, or null (game over, or a human's turn). */
  aiToMove(): Side | null {
    const s = this.state;
    // A class seat's partner, AI or student, moves on the class server, never here.
    if (this.remoteViewer) return null;
    return s.phase === 'negotiation' && !this.options.humans.includes(s.turn) ? s.turn : null;
  }

  /**
   * Play a decision made outside the match (AI_ELSEWHERE) for the AI side to move: checked as
   * the match checks its own AI's, so an illegal one (or an error in its place) becomes a safe
   * move and a problem shown to the player. Returns the turn played.
   */
  playAi(decision: AiDecision | Error): Turn {
    const side = this.aiToMove();
    if (side === null) throw new Error('it is not the AI’s turn');
    const index = this.movesLog.length;
    this.playAiMove(side, () => {
      if (decision instanceof Error) throw decision;
      return decision;
    });
    return this.turn(index, this.movesLog[index]!);
  }

  /**
   * One of the scenario's events made to happen now, by whoever runs the game (a class
   * teacher's inject): an `event` move for the side to move, in the log like any move; the AI
   * then plays on if it is due. Returns the move, or why the event cannot happen now.
   */
  happen(event: string): { ok: true; move: Move } | { ok: false; reason: string } {
    if (this.remoteViewer) return { ok: false, reason: 'an event at a class table happens on the class server' };
    const move: Move = { type: 'event', side: this.state.turn, event };
    const problem = this.check(move);
    if (problem !== null) return { ok: false, reason: problem };
    this.apply(move);
    this.runAi();
    return { ok: true, move };
  }

  /** Why a move would be refused now, or null if it is legal. */
  check(move: Move): string | null {
    const result = checkMove(this.scenario, this.state, move);
    return result.ok ? null : result.reason;
  }

  /**
   * A human move, then the AI's replies until a human is to move again or the game ends.
   * Returns the turns played. Throws IllegalMoveError for an illegal move (nothing changes).
   */
  play(move: Move): Turn[] {
    if (this.remoteViewer) throw new IllegalMoveError(move, 'a move at a class table goes to the class server');
    if (!this.options.humans.includes(move.side)) throw new IllegalMoveError(move, `${atSentenceStart(sideInSentence(this.scenario.sides[move.side].label))} is played by the AI`);
    const first = this.movesLog.length;
    this.apply(move);
    this.runAi();
    return this.movesLog.slice(first).map((m, i) => this.turn(first + i, m));
  }

  /** The current posture of each side: the AI's as it last stated it, a human's from their last move. */
  postures(): Record<Side, Posture> {
    const out = {} as Record<Side, Posture>;
    for (const side of SIDES) {
      let posture: Posture = 'preparing';
      for (let i = this.movesLog.length - 1; i >= 0; i--) {
        const move = this.movesLog[i]!;
        if (move.side !== side || move.type === 'event') continue;
        posture = this.notes.get(i)?.posture ?? postureOfMove(move, this.states[i + 1]!);
        break;
      }
      if (this.state.outcome?.kind === 'deal') posture = 'deal';
      if (this.state.outcome?.kind === 'walkout' && this.state.outcome.by === side) posture = 'walked-out';
      out[side] = posture;
    }
    return out;
  }

  /** The starts of the rounds so far, where a human may rewind to and play on. */
  rewindPoints(): RewindPoint[] {
    const points: RewindPoint[] = [];
    // A class table's log is the server's: nothing here can take a move back.
    if (this.remoteViewer) return points;
    // A branch can go back to where the player took over, never into history's moves.
    const kept = this.keptMoves;
    if (this.branchInfo && kept < this.movesLog.length) {
      const s = this.states[kept]!;
      if (s.phase === 'negotiation') points.push({ round: s.round, moves: kept, takeover: true });
    }
    for (let i = kept; i < this.movesLog.length; i++) {
      const s = this.states[i]!;
      if (s.phase === 'negotiation' && s.movesThisRound === 0 && !points.some((p) => p.round === s.round)) points.push({ round: s.round, moves: i });
    }
    return points;
  }

  /**
   * Go back to the start of a round and play on from there: later moves are dropped, and if the
   * AI opens that round it moves again (deterministically, so as it did before).
   */
  rewindToRound(round: number): void {
    const point = this.rewindPoints().find((p) => p.round === round);
    if (!point) throw new Error(`cannot rewind to round ${round}: no round ${round} has been played`);
    this.truncate(point.moves);
    this.runAi();
  }

  /** Undo the last human move (and the AI's replies to it). Returns false when there is none. */
  undoLastHumanMove(): boolean {
    if (this.remoteViewer) return false;
    for (let i = this.movesLog.length - 1; i >= this.keptMoves; i--) {
      if (this.options.humans.includes(this.movesLog[i]!.side)) {
        this.truncate(i);
        this.runAi();
        return true;
      }
    }
    return false;
  }

  private explanationsAt(index: number): Worded[] {
    if (!this.worded[index]) {
      this.explanationLog[index] = withWords(this.scenario, this.explanationLog[index]!);
      this.worded[index] = true;
    }
    return this.explanationLog[index] as Worded[];
  }

  private truncate(moves: number): void {
    this.movesLog.length = moves;
    this.explanationLog.length = moves;
    this.worded.length = moves;
    this.states.length = moves + 1;
    for (const key of [...this.notes.keys()]) if (key >= moves) this.notes.delete(key);
    this.seats.clear();
  }

  private apply(move: Move): void {
    const before = this.state;
    const result = applyMove(this.scenario, before, move);
    this.movesLog.push(move);
    this.states.push(result.state);
    this.explanationLog.push(result.explanations);
    this.worded.push(false);
    for (const [side, seat] of this.seats) {
      try {
        seat.observe(move, before, result.state);
      } catch {
        // it is rebuilt from the log when next needed, and a failure then is reported as the AI's
        this.seats.delete(side);
      }
    }
  }

  /** The AI seat of a side, made and shown the moves so far when first needed. */
  private seat(side: Side): AiSeat {
    let seat = this.seats.get(side);
    if (!seat) {
      const ai = this.ai;
      if ('elsewhere' in ai) throw new Error('the AI is played elsewhere');
      seat = typeof ai === 'function' ? decideSeat(ai, this.scenario, this.options) : ai.seat(this.scenario, this.options, side);
      this.movesLog.forEach((move, i) => seat!.observe(move, this.states[i]!, this.states[i + 1]!));
      this.seats.set(side, seat);
    }
    return seat;
  }

  /** Let the AI move while it is the AI's turn (unless it is played elsewhere). */
  private runAi(): void {
    if (this.remoteViewer) return;
    if ('elsewhere' in this.ai) return;
    for (let side = this.aiToMove(); side !== null; side = this.aiToMove()) {
      const seat = side;
      this.playAiMove(side, () => this.seat(seat).decide(this.state));
    }
  }

  /** One AI move. A failing or illegal AI falls back to a safe move and says so. */
  private playAiMove(side: Side, decide: () => AiDecision): void {
    const index = this.movesLog.length;
    let decision: AiDecision;
    try {
      decision = decide();
      const problem = this.check(decision.move);
      if (problem !== null || decision.move.side !== side) throw new Error(`it chose an illegal move (${problem ?? 'wrong side'})`);
    } catch (error) {
      const fallback: Move = this.check({ type: 'hold', side }) === null ? { type: 'hold', side } : { type: 'reject', side };
      const problem = `The AI for ${sideInSentence(this.scenario.sides[side].label)} failed in round ${this.state.round}: ${errorText(error)}. It made no offer instead.`;
      this.aiProblems.push(problem);
      decision = { move: fallback, say: 'We make no proposal this round.', analysis: problem, posture: 'firm' };
    }
    this.apply(decision.move);
    // the words are read from the decision when the note is first read (a headless game never reads them)
    const decided = decision;
    this.notes.set(index, withWordsOf(decided, { move: index }, { posture: decided.posture }, decided.move));
  }
}

/** The alternative of the decision point at `step` that `move` plays, if any. */
function alternativeOf(scenario: Scenario, step: number, move: Move): DecisionAlternative | undefined {
  const point = scenario.history?.decisionPoints.find((d) => d.step === step);
  return point?.alternatives.find((a) => a.move !== undefined && sameMove(scenario, a.move, move));
}

/**
 * Where a branch of history took over, and how many moves the player may not undo or rewind:
 * history's, plus the decision point's alternative when it was played for the AI side (a rewind
 * would let the AI choose again, and the game would no longer be that branch). The alternative
 * is recognised from the move itself, so a result code brings it back.
 */
function branchInfo(scenario: Scenario, spec: GameSpec): { step: number; kept: number } {
  const step = spec.options.branchStep!;
  const next = spec.moves[step];
  const forAi = next !== undefined && alternativeOf(scenario, step, next) !== undefined && !spec.options.humans.includes(next.side);
  return { step, kept: forAi ? step + 1 : step };
}
