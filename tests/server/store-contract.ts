import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassRecord, MoveRecord, SeatRecord } from '../../src/session/class/model';
import { DuplicateClassError, DuplicateMoveError, type ClassStore } from '../../src/server/store';
import { config } from './helpers';

/**
 * What every ClassStore must do, as one suite run against each store (tests/server/store.test.ts):
 * `open` gives a fresh, empty store and a way to throw it away.
 */

export type OpenStore = () => Promise<{ store: ClassStore; dispose: () => Promise<void> }>;

const record = (code: string, createdAt = 1000): ClassRecord => ({ code, teacherKey: `key-${code}`, config: config(), scenarioText: 'id: sandbox\n# text kept as is: "quotes", ünïcode, \\ backslash\n', createdAt });

const seat = (name: string, table: number, side: SeatRecord['side'], joinedAt: number): SeatRecord => ({ seat: `s-${name}`, table, side, kind: 'student', name, seatKey: `sk-${name}`, difficulty: null, joinedAt });

const move = (table: number, index: number, at = 2000): MoveRecord => ({ table, index, move: { kind: 'pass', side: index % 2 === 0 ? 'us' : 'china' } as unknown as MoveRecord['move'], by: 'student', at });

const none = { seats: [], moves: [], injects: [], pause: null };

export function storeContract(name: string, open: OpenStore): void {
  describe(`ClassStore contract: ${name}`, () => {
    let store: ClassStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await open());
    });
    afterEach(async () => {
      await dispose();
    });

    it('keeps a class record exactly and lists classes by creation time', async () => {
      await store.createClass(record('BBBB', 2000));
      await store.createClass(record('AAAA', 1000));
      expect(await store.findClass('BBBB')).toEqual(record('BBBB', 2000));
      expect(await store.findClass('CCCC')).toBeUndefined();
      expect((await store.listClasses()).map((r) => r.code)).toEqual(['AAAA', 'BBBB']);
      expect(await store.load('AAAA')).toEqual({ seats: [], moves: [], injects: [], pause: null });
    });

    it('refuses a class code already used', async () => {
      await store.createClass(record('AAAA'));
      await expect(store.createClass({ ...record('AAAA'), teacherKey: 'other' })).rejects.toBeInstanceOf(DuplicateClassError);
      expect((await store.findClass('AAAA'))!.teacherKey).toBe('key-AAAA');
    });

    it('commits seats (upserted, in first-joined order), moves by table and index, injects and the pause', async () => {
      await store.createClass(record('AAAA'));
      await store.createClass(record('BBBB'));
      await store.commit('AAAA', { seats: [seat('ann', 0, 'us', 1), seat('bo', 0, 'china', 2)], moves: [move(0, 0)], injects: [], pause: null });
      await store.commit('AAAA', { seats: [{ ...seat('ann', 0, 'us', 1), name: 'Ann' }], moves: [move(0, 1), move(1, 0)], injects: [{ index: 0, table: null, text: 'news', event: null, at: 5 }], pause: { all: true, tables: [] } });
      await store.commit('BBBB', { ...none, moves: [move(0, 0, 9)] });
      const data = await store.load('AAAA');
      expect(data.seats.map((s) => s.name)).toEqual(['Ann', 'bo']);
      expect(data.moves).toEqual([move(0, 0), move(0, 1), move(1, 0)]);
      expect(data.injects).toEqual([{ index: 0, table: null, text: 'news', event: null, at: 5 }]);
      expect(data.pause).toEqual({ all: true, tables: [] });
      expect((await store.load('BBBB')).moves).toEqual([move(0, 0, 9)]);
      await store.commit('AAAA', { ...none, pause: { all: false, tables: [1] } });
      expect((await store.load('AAAA')).pause).toEqual({ all: false, tables: [1] });
    });

    it('refuses a move stored twice, and then records nothing of that commit', async () => {
      await store.createClass(record('AAAA'));
      await store.commit('AAAA', { ...none, moves: [move(0, 0)] });
      const error = await store.commit('AAAA', { seats: [seat('cy', 1, 'us', 3)], moves: [move(0, 1), { ...move(0, 0), at: 99 }], injects: [], pause: null }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateMoveError);
      expect(error).toMatchObject({ code: 'AAAA', table: 0, index: 0 });
      const data = await store.load('AAAA');
      expect(data.moves).toEqual([move(0, 0)]);
      expect(data.seats).toEqual([]);
    });

    it('keeps every move of many concurrent commits exactly once', async () => {
      await store.createClass(record('AAAA'));
      const tables = 10;
      const perTable = 20;
      await Promise.all(
        Array.from({ length: tables }, async (_, t) => {
          for (let i = 0; i < perTable; i++) await store.commit('AAAA', { ...none, moves: [move(t, i)] });
        }),
      );
      const moves = (await store.load('AAAA')).moves;
      expect(moves).toHaveLength(tables * perTable);
      expect(new Set(moves.map((m) => `${m.table}/${m.index}`)).size).toBe(tables * perTable);
    });

    it('an empty commit changes nothing', async () => {
      await store.createClass(record('AAAA'));
      await store.commit('AAAA', none);
      expect(await store.load('AAAA')).toEqual({ seats: [], moves: [], injects: [], pause: null });
    });
  });
}
