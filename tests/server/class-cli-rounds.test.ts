import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/class';
import { runBots } from '../../src/cli/class-bots';
import { classExportSchema } from '../../src/session/class/protocol';
import { config, createClass, Probe, sandbox, serverPerFile } from './helpers';

/**
 * `npm run class` against a real server across rounds: the bots play round 1, the teacher's
 * `round` command (a separate process, as a host's script runs it) waits for it to finish and
 * starts round 2, and the bots, still connected, move to their new tables and sides and play it
 * to the end; the export has both rounds. And `pause`/`resume`, and the refusals of a wrong key,
 * an unknown code and a round while a table plays, said by name.
 */

const served = serverPerFile();
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** The CLI as a child process (async: the bots of this process keep playing meanwhile). */
function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(tsx, [join(root, 'src/cli/class.ts'), ...args, '--url', served.server.url], { cwd: root, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The CLI's main in this process (quicker than a process each: the refusals and pause/resume), its output caught. */
async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  try {
    const status = await main([...args, '--url', served.server.url]);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function exportOf(code: string, key: string) {
  const response = await fetch(`${served.server.http}/api/classes/${code}/export?format=json`, { headers: { 'x-teacher-key': key } });
  return classExportSchema.parse(await response.json());
}

describe('npm run class across rounds', () => {
  for (const sides of ['swap', 'same'] as const) {
    it(`the bots follow a second round started with \`round --sides ${sides}\` and finish it`, async () => {
      const { code, teacherKey } = await createClass(served.server, config());
      const scenario = sandbox();
      const bots = runBots({ url: served.server.url, code, count: 4, policy: 'hard', scenario: () => scenario, retryMs: 5000, timeoutMs: 150_000, untilRound: 2 });
      const started = await cli(['round', '--code', code, '--key', teacherKey, '--sides', sides, '--wait-seconds', '120']);
      expect(started.stderr).toBe('');
      expect(started.status).toBe(0);
      const printed = JSON.parse(started.stdout) as { code: string; round: number; tables: { table: number; started: boolean; seats: string[] }[] };
      expect(printed).toMatchObject({ code, round: 2 });
      expect(printed.tables.map((t) => [t.table, t.started])).toEqual([
        [1, true],
        [2, true],
      ]);

      const figures = await bots;
      expect(figures.failures).toEqual([]);
      expect(figures).toMatchObject({ rejected: 0, badMessages: 0, rejoins: 0, botsFinished: 4, gamesFinished: 4 });
      expect(figures.rounds.map((r) => [r.round, r.bots, r.sides, r.gamesFinished, r.botsFinished])).toEqual([
        [1, 4, { us: 2, china: 2 }, 2, 4],
        [2, 4, { us: 2, china: 2 }, 2, 4],
      ]);
      // Each bot sat at the same table number in round 2, on the side asked for.
      const flip = (side: string | null) => (sides === 'same' ? side : side === 'us' ? 'china' : 'us');
      for (const name of ['bot-1', 'bot-2', 'bot-3', 'bot-4']) {
        const [one, two] = [1, 2].map((round) => figures.seen.find((s) => s.name === name && s.round === round)!);
        expect(one!.outcome).not.toBeNull();
        expect(two!.outcome).not.toBeNull();
        expect(two!.side).toBe(flip(one!.side));
        expect(two!.table! - 2).toBe(one!.table);
      }

      // The export has both rounds' games, each ended and verified, and the moves the bots saw.
      const exported = await exportOf(code, teacherKey);
      expect(exported.games.map((g) => [g.round ?? 1, g.table, g.ended, g.verified])).toEqual([
        [1, 0, true, true],
        [1, 1, true, true],
        [2, 0, true, true],
        [2, 1, true, true],
      ]);
      for (const s of figures.seen) {
        const game = exported.games.find((g) => (g.round ?? 1) === s.round && g.table === s.table! - (s.round === 2 ? 2 : 0))!;
        expect(game.moves).toEqual(s.moves);
        expect(game.seats.find((seat) => seat.name === s.name)?.side).toBe(s.side);
      }
    }, 240_000);
  }

  it('pause and resume every table or one; a wrong key, an unknown code and a round while a table plays are refused by name', async () => {
    const { code, teacherKey } = await createClass(served.server, config());
    const ana = await Probe.join(served.server.url, { role: 'student', code, name: 'Ana' });
    await Probe.join(served.server.url, { role: 'student', code, name: 'Bo' });
    await ana.next('table');

    const wrongKey = await inProcess(['pause', '--code', code, '--key', 'x'.repeat(32)]);
    expect([wrongKey.status, wrongKey.stderr.trim()]).toEqual([1, 'class: the server refused the teacher: that is not the teacher key of this class']);
    const unknown = await inProcess(['round', '--code', 'ZZZZ-ZZZZ', '--key', teacherKey]);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'class: the server refused the teacher: no class has the code “ZZZZ-ZZZZ”: check the code `create` printed']);
    const noTable = await inProcess(['pause', '--code', code, '--key', teacherKey, '--table', '2']);
    expect([noTable.status, noTable.stderr.trim()]).toEqual([1, 'class: there is no table 2 in round 1 of this class (it has 1 table)']);

    const paused = await inProcess(['pause', '--code', code, '--key', teacherKey, '--table', '1']);
    expect(paused.status).toBe(0);
    expect(JSON.parse(paused.stdout)).toMatchObject({ round: 1, tables: [{ table: 1, paused: true, seats: ['Ana (us)', 'Bo (china)'] }] });
    ana.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await ana.next('moveResult')).toMatchObject({ ok: false, kind: 'paused' });
    const resumed = await inProcess(['resume', '--code', code, '--key', teacherKey]);
    expect(resumed.status).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ tables: [{ table: 1, paused: false }] });
    ana.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await ana.next('moveResult', (r: { ok: boolean }) => r.ok)).toMatchObject({ ok: true });

    const playing = await inProcess(['round', '--code', code, '--key', teacherKey]);
    expect(playing.status).toBe(1);
    expect(playing.stderr).toContain('class: the server refused: table 1 is still playing');
    expect(playing.stderr).toContain('(--end-unfinished starts it anyway; --wait-seconds S waits for them)');
    const ended = await inProcess(['round', '--code', code, '--key', teacherKey, '--sides', 'same', '--end-unfinished']);
    expect(ended.status).toBe(0);
    expect(JSON.parse(ended.stdout)).toMatchObject({ round: 2, tables: [{ table: 1, started: true, seats: ['Ana (us)', 'Bo (china)'] }] });
    expect(await ana.next('seat', (s: { seat: { table: number } }) => s.seat.table === 1)).toMatchObject({ seat: { side: 'us' }, info: { classRound: 2 } });
    const exported = await exportOf(code, teacherKey);
    expect(exported.games.map((g) => [g.round ?? 1, g.ended, g.moves.length])).toEqual([
      [1, false, 1],
      [2, false, 0],
    ]);
    await ana.room.leave();
  }, 120_000);
});
