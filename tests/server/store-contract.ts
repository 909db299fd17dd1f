import { describe, expect, it } from 'vitest';
import type { ClassRecord, MoveRecord, SeatRecord } from '../../src/session/class/model';
import { DuplicateClassError, DuplicateMoveError, type ClassStore } from '../../src/server/store';

/**
 * What every class store must do (src/server/store.ts): run it with a factory for a store of
 * each kind (SQLite now; PostgreSQL, issue 14, later). `reopen` gives a second store over the
 * same data, to check what survives.
 */

const record = (code: string): ClassRecord => ({
  code,
  teacherKey: 'k'.repeat(32),
  config: { scenario: 'mini', seed: 's', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: 'us-d', china: 'china-d' } },
  scenarioText: 'id: mini\n',
  createdAt: 1,
});

const seat = (s: string, table: number, side: 'us' | 'china', name: string): SeatRecord => ({ seat: s, table, side, kind: 'student', name, seatKey: 'abcdefgh12', difficulty: null, joinedAt: 2 });
const move = (table: number, index: number): MoveRecord => ({ table, index, move: { type: 'hold', side: index % 2 === 0 ? 'us' : 'china' }, by: 'student', at: 3 + index });
const none = { seats: [], moves: [], injects: [], pause: null };

export function storeContract(kind: string, make: () => Promise<{ store: ClassStore; reopen?: () => Promise<ClassStore> }>): void {
  describe(`the ${kind} class store`, () => {
    it('keeps classes by code and refuses a code twice', async () => {
      const { store } = await make();
      await store.createClass(record('AAAA2222'));
      await expect(store.createClass(record('AAAA2222'))).rejects.toBeInstanceOf(DuplicateClassError);
      expect(await store.findClass('AAAA2222')).toEqual(record('AAAA2222'));
      expect(await store.findClass('ZZZZ9999')).toBeUndefined();
      expect(await store.countClasses()).toBe(1);
      await store.close();
    });

    it('commits seats, moves, injects and the pause state, and loads them back in order', async () => {
      const { store } = await make();
      await store.createClass(record('BBBB3333'));
      await store.commit('BBBB3333', { ...none, seats: [seat('t0-us', 0, 'us', '<b>Ana</b>')], moves: [] });
      await store.commit('BBBB3333', { seats: [seat('t0-china', 0, 'china', 'Bo')], moves: [move(0, 1), move(0, 0)], injects: [{ index: 0, table: null, text: 'Flash', event: null, at: 4 }], pause: { all: true, tables: [] } });
      // A seat written again replaces its record (the AI filling it, say).
      await store.commit('BBBB3333', { ...none, seats: [{ ...seat('t0-china', 0, 'china', 'AI (easy)'), kind: 'ai', seatKey: null, difficulty: 'easy' }] });
      const data = await store.load('BBBB3333');
      expect(data.seats.map((s) => [s.seat, s.name, s.kind])).toEqual([['t0-us', '<b>Ana</b>', 'student'], ['t0-china', 'AI (easy)', 'ai']]);
      expect(data.moves).toEqual([move(0, 0), move(0, 1)]);
      expect(data.injects).toEqual([{ index: 0, table: null, text: 'Flash', event: null, at: 4 }]);
      expect(data.pause).toEqual({ all: true, tables: [] });
      await store.close();
    });

    it('never stores a move twice: a commit with a move already there fails whole', async () => {
      const { store } = await make();
      await store.createClass(record('CCCC4444'));
      await store.commit('CCCC4444', { ...none, moves: [move(0, 0)] });
      await expect(store.commit('CCCC4444', { ...none, seats: [seat('t1-us', 1, 'us', 'Cy')], moves: [move(0, 1), move(0, 0)] })).rejects.toBeInstanceOf(DuplicateMoveError);
      const data = await store.load('CCCC4444');
      expect(data.moves).toEqual([move(0, 0)]);
      expect(data.seats).toEqual([]);
      await store.close();
    });

    it('keeps every move of many concurrent commits exactly once', async () => {
      const { store } = await make();
      await store.createClass(record('EEEE6666'));
      await Promise.all(Array.from({ length: 8 }, async (_, t) => {
        for (let i = 0; i < 15; i++) await store.commit('EEEE6666', { ...none, moves: [move(t, i)] });
      }));
      const moves = (await store.load('EEEE6666')).moves;
      expect(moves).toHaveLength(8 * 15);
      expect(new Set(moves.map((m) => `${m.table}/${m.index}`)).size).toBe(8 * 15);
      await store.close();
    });

    it('keeps each class’s last activity: its creation, then the latest touch, never going back', async () => {
      const { store } = await make();
      await store.createClass({ ...record('FFFF7777'), createdAt: 1_000 });
      await store.createClass({ ...record('GGGG8888'), createdAt: 2_000 });
      expect(await store.countClasses()).toBe(2);
      expect(await store.activeSince(1_500)).toEqual(['GGGG8888']);
      await store.touch('FFFF7777', 5_000);
      await store.touch('FFFF7777', 4_000); // an older time does not take it back
      expect(await store.activeSince(4_500)).toEqual(['FFFF7777']);
      expect(await store.activeSince(0)).toEqual(['FFFF7777', 'GGGG8888']);
      expect(await store.activeSince(5_001)).toEqual([]);
      await store.close();
    });

    it('keeps what was committed for a store opened again', async () => {
      const { store, reopen } = await make();
      if (!reopen) return;
      await store.createClass(record('DDDD5555'));
      await store.commit('DDDD5555', { ...none, moves: [move(2, 0)] });
      const again = await reopen();
      expect((await again.load('DDDD5555')).moves).toEqual([move(2, 0)]);
      await again.close();
      await store.close();
    });
  });
}
