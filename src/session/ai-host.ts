/**
 * The AI as a service that is asked for one decision at a time, given the game so far: what the
 * browser's Web Worker runs (src/view/shell/ai-worker.ts) so that the page stays responsive while
 * the AI thinks. It keeps one game's states and its seats between requests, so a request that
 * extends the game it last saw only shows the seats the new moves (as the in-thread match does);
 * any other game, or a game cut back by a rewind, is replayed from its move log.
 */
import { applyMove, newGame } from '../core/engine';
import { SIDES, type GameSpec, type GameState, type Move, type Scenario, type Side } from '../core/types';
import { createNegotiator, type AiDecision } from './ai';
import type { AiSeat } from './match';

/** A request to the AI: the scenario (omitted when it is the one of the previous request) and the game so far. */
export interface AiRequest {
  id: number;
  scenario?: Scenario;
  spec: GameSpec;
}

/**
 * The game so far, sent while the player thinks: the host follows it and makes the AI's seats
 * now, so that the next request (the player's move) only adds that move. Answered with nothing.
 */
export interface AiPrepare {
  prepare: true;
  scenario?: Scenario;
  spec: GameSpec;
}

/** The AI's answer to request `id`: its decision, or why it could not decide. */
export type AiReply = { id: number; ok: true; decision: AiDecision } | { id: number; ok: false; message: string };

interface Followed {
  key: string;
  scenario: Scenario;
  spec: GameSpec;
  states: GameState[];
  seats: Map<Side, AiSeat>;
}

const gameKey = (spec: GameSpec) => JSON.stringify([spec.scenario, spec.seed, spec.options]);

export class AiHost {
  private scenario: Scenario | null = null;
  private game: Followed | null = null;

  /** Answer one request; never throws (a failure is a reply the match turns into a safe move). */
  handle(request: AiRequest): AiReply {
    try {
      if (request.scenario) this.scenario = request.scenario;
      if (!this.scenario) throw new Error('no scenario was sent');
      return { id: request.id, ok: true, decision: this.decide(this.scenario, request.spec) };
    } catch (error) {
      this.game = null;
      return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Follow the game so far and make the seats of its AI sides, ahead of a request; never throws
   * (whatever fails here fails again, and is answered, when the decision is asked for).
   */
  prepare(message: AiPrepare): void {
    try {
      if (message.scenario) this.scenario = message.scenario;
      if (!this.scenario) return;
      const game = this.follow(this.scenario, message.spec);
      if (game.states[game.states.length - 1]!.phase !== 'negotiation') return;
      for (const side of SIDES) if (!message.spec.options.humans.includes(side)) this.seat(game, side);
    } catch {
      this.game = null;
    }
  }

  /** The decision of the side to move after the spec's moves. */
  decide(scenario: Scenario, spec: GameSpec): AiDecision {
    const game = this.follow(scenario, spec);
    const state = game.states[game.states.length - 1]!;
    if (state.phase !== 'negotiation') throw new Error('the game is over');
    if (spec.options.humans.includes(state.turn)) throw new Error('it is a human’s turn');
    return this.seat(game, state.turn).decide(state);
  }

  /** A side's seat in the game followed: the seat the in-thread match makes (`negotiators` in ./ai), shown the moves so far. */
  private seat(game: Followed, side: Side): AiSeat {
    let seat = game.seats.get(side);
    if (!seat) {
      const made = createNegotiator(game.scenario, game.spec.options, side);
      game.spec.moves.forEach((move, i) => made.observe(move, game.states[i]!, game.states[i + 1]!));
      game.seats.set(side, made);
      seat = made;
    }
    return seat;
  }

  /** The game followed to the spec's last move: extended when it continues the one followed, else replayed. */
  private follow(scenario: Scenario, spec: GameSpec): Followed {
    const key = gameKey(spec);
    let game = this.game;
    const continues =
      game !== null &&
      game.scenario === scenario &&
      game.key === key &&
      game.spec.moves.length <= spec.moves.length &&
      game.spec.moves.every((m, i) => JSON.stringify(m) === JSON.stringify(spec.moves[i]));
    if (!game || !continues) {
      game = { key, scenario, spec: { ...spec, moves: [] }, states: [newGame(scenario, spec.seed, spec.options)], seats: new Map() };
      this.game = game;
    }
    for (let i = game.spec.moves.length; i < spec.moves.length; i++) this.apply(game, spec.moves[i]!);
    return game;
  }

  private apply(game: Followed, move: Move): void {
    const before = game.states[game.states.length - 1]!;
    const after = applyMove(game.scenario, before, move).state;
    game.spec.moves.push(move);
    game.states.push(after);
    for (const seat of game.seats.values()) seat.observe(move, before, after);
  }
}
