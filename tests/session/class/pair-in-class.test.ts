import { describe, expect, it } from 'vitest';
import { negotiators } from '../../../src/session/ai';
import { newLiveClass, pairInClass, receive } from '../../../src/session/class-client';
import { ClassModel, type ClassRecord } from '../../../src/session/class/model';
import type { ClassConfig } from '../../../src/session/class/protocol';
import { mini } from '../../helpers';

/** A student's pair among the class's finished games: the `classResults` messages and the chart built from them (issue 12). */

const scenario = mini();
const config: ClassConfig = { scenario: 'mini', seed: 'pairs', seedPolicy: 'table', pairing: { kind: 'pvp' }, doctrines: { us: 'us-d', china: 'china-d' } };

function counterBytes(): (n: number) => Uint8Array {
  let k = 5;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 73 + 41) % 256));
}

/** Three tables: 0 ends in a walkout, 1 in a deal, 2 goes on. */
function classOfThree(): ClassModel {
  const record: ClassRecord = { code: 'PAIRS234', teacherKey: 'k'.repeat(32), config, scenarioText: '', createdAt: 0 };
  const c = ClassModel.create(record, scenario, negotiators, counterBytes());
  for (let i = 0; i < 6; i++) c.seatStudent(`s${i}`, undefined, 0);
  c.playMove('t0-us', 0, { type: 'walkout', side: 'us' }, 1);
  c.playMove('t1-us', 0, { type: 'propose', side: 'us', package: { beans: 'some' } }, 1);
  c.playMove('t1-china', 1, { type: 'accept', side: 'china' }, 1);
  return c;
}

const games = (c: ClassModel, tables: number[]) =>
  tables.map((table) => {
    const spec = c.spec(table)!;
    return { table, scenario: spec.scenario, seed: spec.seed, options: spec.options, moves: spec.moves };
  });

describe('a pair in the class chart', () => {
  it('marks the pair’s own game among the finished ones, and follows as more finish', () => {
    const c = classOfThree();
    let live = newLiveClass('student', 'PAIRS234', 's2');
    live = receive(live, 'seat', { info: c.info(), seat: c.seatView(c.findSeat('t1-us')!), seatKey: 'abcdefgh12', partner: null }, scenario).live;
    expect(pairInClass(live, scenario)).toBeNull();
    live = receive(live, 'classResults', { replace: true, games: games(c, [1]) }, scenario).live;
    const alone = pairInClass(live, scenario)!;
    expect(alone).toMatchObject({ mine: 0, finished: 1 });
    expect(alone.debrief.games.map((g) => g.label)).toEqual(['1. Table 2 (your pair)']);
    live = receive(live, 'classResults', { replace: false, games: games(c, [0]) }, scenario).live;
    const two = pairInClass(live, scenario)!;
    expect(two).toMatchObject({ mine: 1, finished: 2 });
    expect(two.debrief.chart.games.map((g) => g.outcome)).toEqual(['walkout', 'deal']);
    // The same table sent again replaces itself; a message that does not parse is a problem, nothing else.
    live = receive(live, 'classResults', { replace: false, games: games(c, [0]) }, scenario).live;
    expect(live.classGames.map((g) => g.table)).toEqual([0, 1]);
    const bad = receive(live, 'classResults', { replace: false, games: [{ table: 'x' }] }, scenario).live;
    expect(bad.classGames).toBe(live.classGames);
    expect(bad.problem).toMatch(/classResults/);
  });
});
