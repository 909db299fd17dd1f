import { applyMove, newGame } from '../../core/engine';
import { gameOptionsSchema } from '../../core/schema/game';
import type { GameOptions, GameState, Move, Scenario, Side } from '../../core/types';
import { decideMove, randomMove } from '../ai';
import type { ServerMessage, TableView } from './protocol';

/**
 * A headless student's mind, without I/O: it follows its table's game from the server's
 * messages with the same core the server runs, and says which move to send when it is its
 * turn. `npm run class -- bots`, the server tests and `npm run bench:class` drive it over a
 * real connection (src/cli/class-bots.ts).
 */

export type BotPolicy = 'hard' | 'random';

export interface PendingMove {
  index: number;
  move: Move;
  /** The table the move is for: the server refuses it if the seat has moved on to another round's. */
  table: number;
}

export class BotBrain {
  side: Side | null = null;
  table: number | null = null;
  seatKey: string | null = null;
  /** The class's round the seat is in (1 until the teacher starts another). */
  round = 1;
  private scenarioRef: { id: string; version: number } | null = null;
  private seed = '';
  private options: GameOptions | null = null;
  private state: GameState | null = null;
  readonly moves: Move[] = [];
  /** A move sent and not yet answered: sent again after a reconnection (the server answers a repeat as a duplicate). */
  pending: PendingMove | null = null;

  /**
   * `decisions` may be shared between bots: a decision depends only on the game so far (the
   * negotiators and the random baseline are deterministic), so tables playing the same game
   * decide each position once.
   */
  constructor(
    private readonly scenario: (id: string) => Scenario,
    private readonly policy: BotPolicy,
    private readonly decisions: Map<string, Move> = new Map(),
  ) {}

  get ended(): boolean {
    return this.state?.phase === 'ended';
  }

  get outcome(): string | null {
    return this.state?.outcome?.kind ?? null;
  }

  /**
   * The seat, on joining and again when the teacher starts another round: then the table (and
   * perhaps the side) changes, and the last round's game is dropped with any move in flight for
   * it (its answer, if one comes, is the old table's). The new table's game follows as `table`.
   * Returns whether the seat moved to another table.
   */
  seat(message: ServerMessage<'seat'>): boolean {
    const moved = this.table !== null && message.seat.table !== this.table;
    this.side = message.seat.side;
    this.table = message.seat.table;
    this.seatKey = message.seatKey;
    this.round = message.info.classRound ?? 1;
    if (moved) {
      this.pending = null;
      this.state = null;
      this.moves.splice(0, this.moves.length);
    }
    return moved;
  }

  /** The whole game from the server: replayed from the start (it is the truth after any reconnection). */
  tableView(view: TableView): void {
    // Another table's game (the seat has moved on to another round's table) is not this seat's.
    if (this.table !== null && view.table !== this.table) return;
    const scenario = this.scenario(view.scenario.id);
    const options = gameOptionsSchema.parse(view.options);
    this.scenarioRef = view.scenario;
    this.seed = view.seed;
    this.options = options;
    let state = newGame(scenario, view.seed, options);
    for (const move of view.moves) state = applyMove(scenario, state, move).state;
    this.state = state;
    this.moves.splice(0, this.moves.length, ...view.moves);
    if (this.pending && this.pending.index < this.moves.length) this.pending = null;
  }

  /** A move relayed by the server; a move already known (or a gap, answered by the next full table) is skipped. */
  moved(message: ServerMessage<'moved'>): 'added' | 'known' | 'gap' {
    if (!this.state || message.table !== this.table) return 'gap';
    if (message.index < this.moves.length) return 'known';
    if (message.index > this.moves.length) return 'gap';
    this.state = applyMove(this.scenario(this.scenarioRef!.id), this.state, message.move).state;
    this.moves.push(message.move);
    return 'added';
  }

  /** The move to send now, or null (not its turn, a move in flight, the game over). */
  next(): PendingMove | null {
    const s = this.state;
    if (!s || !this.side || this.pending || s.phase !== 'negotiation' || s.turn !== this.side) return null;
    const scenario = this.scenario(this.scenarioRef!.id);
    const key = `${this.policy}|${this.scenarioRef!.id}|${this.seed}|${JSON.stringify(this.options)}|${JSON.stringify(this.moves)}`;
    let move = this.decisions.get(key);
    if (!move) {
      move =
        this.policy === 'random'
          ? randomMove(scenario, s, this.side)
          : decideMove(scenario, { scenario: this.scenarioRef!, seed: this.seed, options: this.options!, moves: [...this.moves] }, this.side, 'hard').move;
      this.decisions.set(key, move);
    }
    this.pending = { index: this.moves.length, move, table: this.table! };
    return this.pending;
  }
}
