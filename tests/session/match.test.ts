import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultOptions, IllegalMoveError, newGame, replay } from '../../src/core/engine';
import { branchSpec, decisionBranch, historicalMoves, replayHistory } from '../../src/core/history';
import { decodeResult, encodeResult } from '../../src/core/result-code';
import type { GameOptions, GameSpec, Move, Scenario, Side } from '../../src/core/types';
import { createNegotiator, decideMove } from '../../src/negotiators/index';
import type { Ai } from '../../src/session/match';
import { Match } from '../../src/session/match';
import { loadOrThrow, mini } from '../helpers';
import { scriptedAi } from './helpers';

const scenario: Scenario = mini();
const options = (human: Side): GameOptions => defaultOptions(scenario, { humans: [human] });

describe('Match', () => {
  it('lets the human open when their side opens, and answers each human move with the AI reply', () => {
    const ai = scriptedAi({ 1: { type: 'accept', side: 'china' } });
    const match = Match.start(scenario, 's', options('us'), ai.decide);
    expect(match.moves).toEqual([]);
    expect(match.humanToMove()).toBe('us');
    const turns = match.play({ type: 'propose', side: 'us', package: { beans: 'lots' } });
    expect(turns.map((t) => [t.by, t.move.type])).toEqual([
      ['human', 'propose'],
      ['ai', 'accept'],
    ]);
    expect(turns[1]!.ai).toEqual({ say: 'scripted accept', analysis: 'a script', posture: 'escalating' });
    expect(match.ended).toBe(true);
    expect(match.state.outcome?.kind).toBe('deal');
    expect(match.humanToMove()).toBeNull();
  });

  it('plays the AI opener first when the human plays the second side', () => {
    const ai = scriptedAi({ 0: { type: 'propose', side: 'us', package: { chips: 'relaxed' } } });
    const match = Match.start(scenario, 's', options('china'), ai.decide);
    expect(match.moves).toEqual([{ type: 'propose', side: 'us', package: { chips: 'relaxed' } }]);
    expect(match.humanToMove()).toBe('china');
    expect(match.state.standing?.by).toBe('us');
  });

  it('derives exactly the state the core replay gives for the same moves', () => {
    const match = Match.start(scenario, 'seed-9', options('us'), scriptedAi({ 3: { type: 'threaten', side: 'china', issue: 'chips', position: 'ban' } }).decide);
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    match.play({ type: 'hold', side: 'us' });
    match.play({ type: 'impose', side: 'us', issue: 'chips', position: 'ban' });
    const spec = match.spec;
    expect(match.state).toEqual(replay(scenario, spec.seed, spec.options, spec.moves).final);
    expect(match.allStates()).toEqual(replay(scenario, spec.seed, spec.options, spec.moves).states);
  });

  it('refuses an illegal move with the core reason and changes nothing', () => {
    const match = Match.start(scenario, 's', options('us'), scriptedAi().decide);
    expect(() => match.play({ type: 'accept', side: 'us' })).toThrow(IllegalMoveError);
    expect(() => match.play({ type: 'accept', side: 'us' })).toThrow(/no offer from China/);
    expect(() => match.play({ type: 'hold', side: 'china' })).toThrow(/played by the AI/);
    expect(match.moves).toEqual([]);
    expect(match.check({ type: 'walkout', side: 'us' })).toBeNull();
    expect(match.check({ type: 'propose', side: 'us', package: {} })).toMatch(/at least one issue/);
  });

  it('rewinds to the start of an earlier round and plays on from there', () => {
    const match = Match.start(scenario, 's', options('us'), scriptedAi().decide);
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    match.play({ type: 'hold', side: 'us' });
    expect(match.state.round).toBe(3);
    expect(match.rewindPoints()).toEqual([
      { round: 1, moves: 0 },
      { round: 2, moves: 2 },
    ]);
    match.rewindToRound(2);
    expect(match.state.round).toBe(2);
    expect(match.moves).toHaveLength(2);
    match.rewindToRound(1);
    expect(match.state).toEqual(newGame(scenario, 's', options('us')));
    expect(() => match.rewindToRound(2)).toThrow(/no round 2/);
  });

  it('replays the AI opener after a rewind, as it played it before', () => {
    const ai = scriptedAi({ 0: { type: 'propose', side: 'us', package: { chips: 'relaxed' } } });
    const match = Match.start(scenario, 's', options('china'), ai.decide);
    match.play({ type: 'reject', side: 'china' });
    match.play({ type: 'hold', side: 'china' });
    match.rewindToRound(1);
    expect(match.moves).toEqual([{ type: 'propose', side: 'us', package: { chips: 'relaxed' } }]);
    expect(match.turns()[0]!.ai?.say).toBe('scripted propose');
  });

  it('undoes the last human move together with the AI replies to it', () => {
    const match = Match.start(scenario, 's', options('us'), scriptedAi().decide);
    expect(match.undoLastHumanMove()).toBe(false);
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    match.play({ type: 'propose', side: 'us', package: { beans: 'lots' } });
    expect(match.undoLastHumanMove()).toBe(true);
    expect(match.moves).toHaveLength(2);
    expect(match.humanToMove()).toBe('us');
  });

  it('keeps the game going when the AI fails or picks an illegal move, and says so', () => {
    const throwing = Match.start(scenario, 's', options('china'), () => {
      throw new Error('no plan');
    });
    expect(throwing.moves).toEqual([{ type: 'hold', side: 'us' }]);
    expect(throwing.aiProblems[0]).toMatch(/AI for the United States failed in round 1: no plan/);
    const illegal = Match.start(scenario, 's', options('us'), (_s, _spec, side) => ({ move: { type: 'accept', side }, say: 'x', analysis: 'x', posture: 'firm' }));
    illegal.play({ type: 'hold', side: 'us' });
    // No offer from the US is on the table: accepting is illegal, so the AI holds instead.
    expect(illegal.moves[1]).toEqual({ type: 'hold', side: 'china' });
    expect(illegal.aiProblems.at(-1)).toMatch(/illegal move \(there is no offer/);
  });

  it('shows postures: the AI as it states them, the human from their moves', () => {
    const ai = scriptedAi({ 1: { type: 'threaten', side: 'china', issue: 'beans', position: 'none' } });
    const match = Match.start(scenario, 's', options('us'), ai.decide);
    expect(match.postures()).toEqual({ us: 'preparing', china: 'preparing' });
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    expect(match.postures().us).toBe('probing');
    expect(match.postures().china).toBe('firm');
    match.play({ type: 'walkout', side: 'us' });
    expect(match.postures().us).toBe('walked-out');
  });

  it('plays its AI with negotiators that follow the game, deciding exactly as the move log alone decides, through undo and rewind', () => {
    const busan = loadOrThrow(fileURLToPath(new URL('../../scenarios/busan-2025.yaml', import.meta.url)));
    const opts = defaultOptions(busan, { humans: ['us'], difficulty: { us: 'normal', china: 'hard' } });
    let made = 0;
    const seats: Ai = { seat: (s, o, side) => (made++, createNegotiator(s, o, side)) };
    const following = Match.start(busan, '3', opts, seats);
    const rereading = Match.start(busan, '3', opts, decideMove);
    const script: Move[] = [
      { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr', soybeanPurchases: '25mmt' } },
      { type: 'hold', side: 'us' },
      { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } },
    ];
    for (const move of script) {
      for (const m of [following, rereading])
        if (m.humanToMove() === 'us' && m.check(move) === null) m.play(move);
      expect(following.moves).toEqual(rereading.moves);
      expect(following.aiNotes).toEqual(rereading.aiNotes);
    }
    expect(made).toBe(1);
    expect(following.moves.length).toBeGreaterThan(3);
    following.undoLastHumanMove();
    rereading.undoLastHumanMove();
    expect(following.moves).toEqual(rereading.moves);
    following.rewindToRound(1);
    rereading.rewindToRound(1);
    for (const m of [following, rereading])
      m.play({ type: 'propose', side: 'us', package: { soybeanPurchases: '25mmt' } });
    expect(following.moves).toEqual(rereading.moves);
    expect(following.aiNotes).toEqual(rereading.aiNotes);
    expect(following.aiProblems).toEqual([]);
  });


  it('resumes from a move log with the AI notes, and refuses a log with an illegal move', () => {
    const ai = scriptedAi();
    const first = Match.start(scenario, 's', options('us'), ai.decide);
    first.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    const again = Match.resume(scenario, first.spec, first.aiNotes, ai.decide);
    expect(again.state).toEqual(first.state);
    expect(again.turns()[1]!.ai).toEqual(first.turns()[1]!.ai);
    const bad: Move[] = [{ type: 'accept', side: 'us' }];
    expect(() => Match.resume(scenario, { ...first.spec, moves: bad }, [], ai.decide)).toThrow(IllegalMoveError);
  });

  it('plays against the negotiators module through its public contract', () => {
    const match = Match.start(scenario, 'contract', options('us'), decideMove);
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    const spec = match.spec;
    expect(match.state).toEqual(replay(scenario, spec.seed, spec.options, spec.moves).final);
    for (const turn of match.turns().filter((t) => t.by === 'ai')) {
      expect(turn.move.side).toBe('china');
      expect(typeof turn.ai?.say).toBe('string');
      expect(typeof turn.ai?.analysis).toBe('string');
    }
  });
});

describe('Match.branch: a game that takes over from a historical path', () => {
  const history: Scenario = loadOrThrow(fileURLToPath(new URL('../history/fixtures/mini-history.yaml', import.meta.url)));
  const seed = history.history!.seed;
  const opts = (human: Side): GameOptions => defaultOptions(history, { humans: [human] });
  const path = historicalMoves(history);

  it('starts from exactly the state history reached after the shared moves, which are history’s, not the player’s', () => {
    const spec = branchSpec(history, 2, seed, opts('us'));
    const match = Match.branch(history, spec, scriptedAi().decide);
    expect(match.moves).toEqual(path.slice(0, 2));
    // The same state as history's replay (which plays with no human side), but for the options.
    expect({ ...match.state, options: null }).toEqual({ ...replayHistory(history, seed).states[2]!, options: null });
    expect(match.humanToMove()).toBe('us');
    expect(match.branch).toEqual({ step: 2, alternative: null });
    expect(match.turns().map((t) => t.by)).toEqual(['history', 'history']);
    // Nothing of the player's to undo yet, and no way back into history's moves.
    expect(match.undoLastHumanMove()).toBe(false);
    expect(match.rewindPoints()).toEqual([]);
    expect(match.spec.options.branchStep).toBe(2);
  });

  it('lets the AI play on at once when it is the other side’s move, and undoes only the player’s moves', () => {
    const ai = scriptedAi({ 1: { type: 'reject', side: 'china' } });
    const match = Match.branch(history, branchSpec(history, 1, seed, opts('us')), ai.decide);
    // History's threat stands; the AI (China) moves instead of history's hold.
    expect(match.turns().map((t) => [t.by, t.move.type])).toEqual([
      ['history', 'threaten'],
      ['ai', 'hold'],
    ]);
    expect(ai.calls[0]!.moves).toEqual(path.slice(0, 1));
    match.play({ type: 'propose', side: 'us', package: { tariff: 'cut' } });
    match.play({ type: 'hold', side: 'us' });
    expect(match.undoLastHumanMove()).toBe(true);
    expect(match.undoLastHumanMove()).toBe(true);
    expect(match.undoLastHumanMove()).toBe(false);
    expect(match.moves).toHaveLength(2);
    // The take-over point falls mid-round 1: a rewind goes back there, never to round 1's start.
    match.play({ type: 'propose', side: 'us', package: { tariff: 'cut' } });
    expect(match.rewindPoints()).toEqual([
      { round: 1, moves: 1, takeover: true },
      { round: 2, moves: 2 },
    ]);
    match.rewindToRound(1);
    // Back to the take-over point: the AI answers history's threat again, as it did before.
    expect(match.moves).toEqual([path[0], { type: 'hold', side: 'china' }]);
    expect(match.turns().map((t) => t.by)).toEqual(['history', 'ai']);
  });

  it('plays a decision point’s alternative for the AI side and keeps it through undo and rewind', () => {
    const spec = decisionBranch(history, 'offer', 0, seed, opts('china'));
    const match = Match.branch(history, spec, scriptedAi().decide);
    const turns = match.turns();
    expect(turns[2]).toMatchObject({ by: 'ai', alternative: 'A cut alone', move: { type: 'propose', side: 'us', package: { tariff: 'cut' } } });
    expect(match.branch).toEqual({ step: 2, alternative: 'A cut alone' });
    expect(match.humanToMove()).toBe('china');
    match.play({ type: 'reject', side: 'china' });
    expect(match.rewindPoints()[0]).toEqual({ round: 2, moves: 3, takeover: true });
    match.rewindToRound(2);
    expect(match.moves).toEqual(spec.moves);
    expect(match.undoLastHumanMove()).toBe(false);
  });

  it('lets the player make the alternative and take it back', () => {
    const spec = decisionBranch(history, 'threat', 1, seed, opts('us'));
    const match = Match.branch(history, spec, scriptedAi().decide);
    expect(match.turns()[0]).toMatchObject({ by: 'human', alternative: 'Offer instead' });
    expect(match.undoLastHumanMove()).toBe(true);
    expect(match.moves).toEqual([]);
    expect(match.branch).toEqual({ step: 0, alternative: null });
  });

  it('refuses a spec whose first moves are not history’s, or that names no branch point', () => {
    const forged: GameSpec = { ...branchSpec(history, 2, seed, opts('us')), moves: [path[0]!, { type: 'reject', side: 'china' }] };
    expect(() => Match.branch(history, forged, scriptedAi().decide)).toThrow(/not the historical path/);
    expect(() => Match.branch(history, { ...forged, options: opts('us') }, scriptedAi().decide)).toThrow(/needs options.branchStep/);
  });

  it('comes back as the same branch from its result code, and a forged branch step as an ordinary game', () => {
    const played = Match.branch(history, branchSpec(history, 2, seed, opts('us')), scriptedAi().decide);
    played.play({ type: 'propose', side: 'us', package: { tariff: 'cut' } });
    const decoded = decodeResult(encodeResult(played.spec, history), () => history);
    const again = Match.resume(history, decoded, [], scriptedAi().decide);
    expect(again.branch).toEqual({ step: 2, alternative: 'A cut alone' });
    expect(again.turns().map((t) => t.by)).toEqual(['history', 'history', 'human', 'ai']);
    expect(again.state).toEqual(played.state);
    const forged = Match.resume(history, { ...decoded, moves: [{ type: 'hold', side: 'us' }, { type: 'hold', side: 'china' }] }, [], scriptedAi().decide);
    expect(forged.branch).toBeNull();
    expect(forged.turns()[0]!.by).toBe('human');
  });
});
