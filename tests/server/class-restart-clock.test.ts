import { describe, expect, it } from 'vitest';
import { negotiators } from '../../src/session/ai';
import { ClassService } from '../../src/server/classes';
import { SqliteStore } from '../../src/server/sqlite-store';
import { RESTART_GRACE_SECONDS } from '../../src/session/class/protocol';

/**
 * A server that was down for longer than a turn, started again: the class is rebuilt from the
 * store, and the turn that was running gives its students a minute to come back instead of timing
 * them out the moment the server is up (the clock ran on while no one could move).
 */
describe('the turn clock after a restart', () => {
  it('gives the running turn a minute from the restart, not the second the outage left it', async () => {
    let clock = 1_000_000;
    let byte = 0;
    const random = (n: number) => Uint8Array.from({ length: n }, () => (byte = (byte * 31 + 7) % 256));
    const store = new SqliteStore(':memory:');
    const options = { store, ai: negotiators, random, now: () => clock };
    const before = new ClassService(options);
    const created = await before.createClass({
      config: { scenario: 'sandbox', seed: '7', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: 'dealmaker', china: 'stability-seeker' }, turnSeconds: 120 },
    });
    if (!created.ok) throw new Error(created.message);
    const code = created.response.code;
    for (const name of ['Ana', 'Bo']) {
      const seated = await before.run(code, (m) => m.seatStudent(name, undefined, clock));
      expect(seated.ok, name).toBe(true);
    }
    const running = (await before.open(code))!;
    expect(running.turnMsLeft(0, clock)).toBe(120_000);

    // Down for ten minutes: the turn's two minutes ran out meanwhile.
    clock += 600_000;
    const after = new ClassService(options);
    const rebuilt = (await after.open(code))!;
    expect(rebuilt.turnMsLeft(0, clock)).toBe(RESTART_GRACE_SECONDS * 1000);
    expect((await after.run(code, (m) => m.expireTurns(clock))).tables).toEqual([]);
    expect((await after.run(code, (m) => m.expireTurns(clock + RESTART_GRACE_SECONDS * 1000))).tables).toEqual([0]);
  });
});
