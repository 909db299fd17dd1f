import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame } from '../../src/core/engine';
import { randomMove } from '../../src/negotiators/game/random-player';
import { canonicalPackage, checkMove, legalMoves, legalMoveSpace, legalMoveTypes, packageAt } from '../../src/core/rules';
import { busan, mini } from '../helpers';

const scenario = mini();
const fresh = () => newGame(scenario, 's', defaultOptions(scenario));

describe('legal moves', () => {
  it('lists every legal move of the side to play, and none for the other side', () => {
    const s = fresh();
    expect(legalMoves(scenario, s, 'china')).toEqual([]);
    const moves = legalMoves(scenario, s, 'us');
    // packages: chips (keep, relaxed) x beans (keep, some, lots) minus "nothing": 2*3-1 = 5
    expect(moves.filter((m) => m.type === 'propose')).toHaveLength(5);
    expect(moves.filter((m) => m.type !== 'propose')).toEqual([
      { type: 'hold', side: 'us' },
      { type: 'impose', side: 'us', issue: 'chips', position: 'ban' },
      { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' },
      { type: 'walkout', side: 'us' },
    ]);
    for (const m of moves) expect(checkMove(scenario, s, m)).toEqual({ ok: true });
  });

  it('offers accept and reject, not hold, when the other side has an offer on the table', () => {
    const s = applyMove(scenario, fresh(), { type: 'propose', side: 'us', package: { beans: 'lots' } }).state;
    const types = legalMoveTypes(legalMoveSpace(scenario, s, 'china'));
    expect(types).toEqual(['propose', 'accept', 'reject', 'walkout']);
    expect(checkMove(scenario, s, { type: 'hold', side: 'china' })).toEqual({ ok: false, reason: 'an offer from United States is on the table: accept it, reject it or counter it' });
  });

  it('no longer offers to threaten a measure already threatened', () => {
    const s = applyMove(scenario, fresh(), { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' }).state;
    const s2 = applyMove(scenario, s, { type: 'hold', side: 'china' }).state;
    expect(legalMoveSpace(scenario, s2, 'us').moves.some((m) => m.type === 'threaten')).toBe(false);
    expect(checkMove(scenario, s2, { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' })).toMatchObject({ ok: false });
  });

  it('enumerates each proposal of the package space exactly once', () => {
    const b = busan();
    const s = newGame(b, '1', defaultOptions(b));
    const space = legalMoveSpace(b, s, 'us');
    const expected = space.packages.reduce((n, d) => n * (d.options.length + 1), 1) - 1;
    expect(space.packageCount).toBe(expected);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const pkg = packageAt(space.packages, i);
      expect(Object.keys(pkg).length).toBeGreaterThan(0);
      seen.add(JSON.stringify(canonicalPackage(b, pkg)));
    }
    expect(seen.size).toBe(2000);
    expect(() => legalMoves(b, s, 'us', 1000)).toThrow('use legalMoveSpace');
  });

  it('checks untrusted moves and says what is wrong', () => {
    const s = fresh();
    expect(checkMove(scenario, s, null as never)).toEqual({ ok: false, reason: 'a move must be an object' });
    expect(checkMove(scenario, s, { type: 'walkout', side: 'russia' } as never)).toEqual({ ok: false, reason: '"side" must be "us" or "china", got "russia"' });
    expect(checkMove(scenario, s, { type: 'propose', side: 'us', package: [] as never })).toEqual({ ok: false, reason: '"package" must be an object of issue: position' });
    expect(checkMove(scenario, s, { type: 'propose', side: 'us', package: {} })).toEqual({ ok: false, reason: 'a package must name at least one issue' });
    expect(checkMove(scenario, s, { type: 'propose', side: 'us', package: { beans: 'heaps' } })).toEqual({ ok: false, reason: 'issue "beans" has no position "heaps"' });
  });

  it('puts package issues in scenario order', () => {
    expect(Object.keys(canonicalPackage(scenario, { beans: 'lots', chips: 'relaxed' }))).toEqual(['chips', 'beans']);
  });
});

describe('random baseline', () => {
  it('plays only legal moves and is a pure function of the state', () => {
    const b = busan();
    let s = newGame(b, '42', defaultOptions(b));
    while (s.phase === 'negotiation') {
      const m = randomMove(b, s, s.turn);
      expect(randomMove(b, s, s.turn)).toEqual(m);
      expect(checkMove(b, s, m)).toEqual({ ok: true });
      s = applyMove(b, s, m).state;
    }
    expect(s.outcome).not.toBeNull();
  });
});
