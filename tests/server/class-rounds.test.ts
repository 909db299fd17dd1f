import { describe, expect, it } from 'vitest';
import { classExportSchema } from '../../src/session/class/protocol';
import { config, createClass, Probe, serverPerFile } from './helpers';

/**
 * Another round of a class, through the real server: a teacher-only message, checked like the
 * others; every connected student moves to their new table and side without rejoining; the round
 * is in the store, so after a kill -9 and a restart a student who comes back lands in it.
 */

const served = serverPerFile();

type Seat = {
  seatKey: string;
  seat: { seat: string; table: number; side: string };
  info: { classRound?: number; firstTable?: number };
};

describe('another round of a class', () => {
  it('is the teacher’s alone, moves every student to the other side at once, and survives kill -9', async () => {
    const { code, teacherKey } = await createClass(served.server, config());
    const teacher = await Probe.join(served.server.url, { role: 'teacher', code, teacherKey });
    const ana = await Probe.join(served.server.url, { role: 'student', code, name: 'Ana' });
    const bo = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo' });
    const anaSeat = await ana.next<Seat>('seat');
    expect(anaSeat.seat).toMatchObject({ seat: 't0-us', side: 'us', table: 0 });
    await ana.next('table');

    // Only the teacher, with a payload that reads, and not while a table plays unless confirmed.
    ana.room.send('teacherAction', { action: 'newRound', sides: 'swap', endUnfinished: true });
    expect(await ana.next('problem')).toMatchObject({
      about: 'teacherAction',
      message: 'only the teacher can do this',
    });
    teacher.room.send('teacherAction', { action: 'newRound', sides: 'sideways', endUnfinished: true });
    expect(
      await teacher.next('problem', (p: { message: string }) => p.message.includes('sides')),
    ).toMatchObject({ message: expect.stringContaining('“swap” or “same”') });
    teacher.room.send('teacherAction', { action: 'newRound', sides: 'swap', endUnfinished: false });
    expect(
      await teacher.next('problem', (p: { message: string }) => p.message.includes('still playing')),
    ).toMatchObject({ message: expect.stringContaining('table 1 is still playing') });

    // The talks end (the US walks out), then the teacher starts round 2, sides swapped.
    ana.room.send('move', { index: 0, move: { type: 'walkout', side: 'us' } });
    expect(await ana.next('moveResult')).toMatchObject({ ok: true });
    await teacher.next('dashboard', (d: { finished: number }) => d.finished === 1);
    teacher.room.send('teacherAction', { action: 'newRound', sides: 'swap', endUnfinished: false });
    const anaNow = await ana.next<Seat>('seat', (s) => s.seat.table !== 0);
    expect(anaNow).toMatchObject({
      seatKey: anaSeat.seatKey,
      seat: { seat: 't1-china', side: 'china', table: 1 },
      info: { classRound: 2, firstTable: 1 },
    });
    expect(await ana.next('table', (t: { table: number }) => t.table === 1)).toMatchObject({
      table: 1,
      moves: [],
      ended: false,
      seed: '7/r2',
    });
    expect(await bo.next<Seat>('seat', (s) => s.seat.table === 1)).toMatchObject({ seat: { side: 'us' } });
    expect(
      await teacher.next('dashboard', (d: { info: { classRound?: number } }) => d.info.classRound === 2),
    ).toMatchObject({ tables: [{ table: 1 }] });
    // Ana moves in the new game as China without rejoining.
    bo.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await bo.next('moveResult', (r: { index: number }) => r.index === 0)).toMatchObject({ ok: true });
    ana.room.send('move', { index: 1, move: { type: 'hold', side: 'china' } });
    expect(await ana.next('moveResult', (r: { index: number }) => r.index === 1)).toMatchObject({ ok: true });

    // kill -9 and a restart: the round is kept; Ana, coming back with her key, lands in it.
    await served.killAndRestart();
    const back = await Probe.join(served.server.url, {
      role: 'student',
      code,
      name: 'Ana',
      seatKey: anaSeat.seatKey,
    });
    expect(await back.next<Seat>('seat')).toMatchObject({
      seat: { seat: 't1-china', side: 'china' },
      info: { classRound: 2 },
    });
    expect(await back.next('table')).toMatchObject({ table: 1, moves: [{ type: 'hold' }, { type: 'hold' }] });
    const response = await fetch(`${served.server.http}/api/classes/${code}/export?format=json`, {
      headers: { 'x-teacher-key': teacherKey },
    });
    const data = classExportSchema.parse(await response.json());
    expect(
      data.games.map((g) => [
        g.round,
        g.table,
        g.ended,
        g.verified,
        g.seats.map((s) => `${s.name}:${s.side}`).join(' '),
      ]),
    ).toEqual([
      [1, 0, true, true, 'Ana:us Bo:china'],
      [2, 0, false, true, 'Bo:us Ana:china'],
    ]);
    const csv = await (
      await fetch(`${served.server.http}/api/classes/${code}/export?format=csv`, {
        headers: { 'x-teacher-key': teacherKey },
      })
    ).text();
    expect(
      csv
        .split('\r\n')
        .slice(0, 3)
        .map((r) => r.split(',').slice(0, 3).join(',')),
    ).toEqual(['round,table,us player', '1,1,Ana', '2,1,Bo']);
    await back.room.leave();
  }, 120_000);
});
