import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { runBots } from '../../src/cli/class-bots';
import { classExportSchema } from '../../src/session/class/protocol';
import { createClass, Probe, sandbox, startServer, stopServer, tempDirs, type ChildServer } from './helpers';

/**
 * `kill -9` of the server in the middle of a round, then a restart on the same port and data:
 * the bots find their way back, every game finishes, and the class's export holds exactly the
 * moves each bot saw (nothing lost, nothing applied twice).
 */

const scenario = sandbox();
const servers: ChildServer[] = [];

afterAll(async () => {
  for (const s of servers) await stopServer(s);
});

describe('a class survives the stop of its server', () => {
  it('kill -9: resumes every game from the move log and the bots finish them', async () => {
    await survives('SIGKILL');
  });

  it('SIGTERM: the server says it stopped cleanly, exits 0 with its store closed, and every game resumes after a restart', async () => {
    const { first, walLeft } = await survives('SIGTERM');
    expect(first.child.exitCode).toBe(0);
    expect(first.output()).toMatch(
      /serve: SIGTERM: closing the classes \(1 open\), then the class store\nserve: stopped; every acknowledged move is in the class store\n/,
    );
    expect(walLeft).toBe(false);
  });
});

/** A class's bots, their server stopped with `signal` mid-round and started again on its port and data: the first server, and whether its store was left open (SQLite's -wal file). */
async function survives(signal: NodeJS.Signals): Promise<{ first: ChildServer; walLeft: boolean }> {
  const dirs = tempDirs();
  const first = await startServer(dirs);
  servers.push(first);
  const cls = await createClass(first);
  let killed = false;
  let killedAt = 0;
  const bots = runBots({
    url: first.url,
    code: cls.code,
    count: 6,
    policy: 'hard',
    scenario: () => scenario,
    retryMs: 60_000,
    timeoutMs: 150_000,
    onAck: (f) => {
      if (!killed && f.acknowledged >= 6) {
        killed = true;
        killedAt = f.acknowledged;
        process.kill(first.child.pid!, signal);
      }
    },
  });
  // Wait for the kill, then start again on the same port with the same data.
  while (first.child.exitCode === null && first.child.signalCode === null)
    await new Promise((r) => setTimeout(r, 50));
  if (signal === 'SIGKILL') expect(first.child.signalCode).toBe('SIGKILL');
  // SQLite's write-ahead log is folded into the file and removed only when the store is closed.
  const walLeft = existsSync(join(dirs.dataDir, 'classes.sqlite-wal'));
  const second = await startServer(dirs, first.port);
  servers.push(second);
  const figures = await bots;
  expect(figures.failures).toEqual([]);
  expect(killedAt).toBeLessThan(figures.acknowledged);
  expect(figures).toMatchObject({ rejected: 0, gamesFinished: 3, botsFinished: 6, badMessages: 0 });
  expect(figures.rejoins).toBeGreaterThanOrEqual(6);
  const response = await fetch(`${second.http}/api/classes/${cls.code}/export`, {
    headers: { 'x-teacher-key': cls.teacherKey },
  });
  const data = classExportSchema.parse(await response.json());
  expect(data.games).toHaveLength(3);
  for (const seen of figures.seen) {
    const game = data.games.find((g) => g.table === seen.table)!;
    expect(game.moves).toEqual(seen.moves);
    expect(game.ended).toBe(true);
    expect(game.verified).toBe(true);
  }
  return { first, walLeft };
}

describe('a stored class that no longer opens', () => {
  it('does not keep the server from starting: the other classes open, and joining it says why not', async () => {
    const dirs = tempDirs();
    const first = await startServer(dirs);
    servers.push(first);
    const good = await createClass(first);
    const bad = await createClass(first);
    await stopServer(first);
    // The stored scenario of one class no longer loads (a record damaged, or a file the loader has since come to refuse).
    const db = new Database(join(dirs.dataDir, 'classes.sqlite'));
    db.prepare('UPDATE classes SET scenario_text = ? WHERE code = ?').run(
      'id: sandbox\nversion: 1\ntitle: "\\e[2J"\n',
      bad.code,
    );
    db.close();
    const second = await startServer(dirs);
    servers.push(second);
    expect(second.output()).toMatch(new RegExp(`class ${bad.code}.*does not load`));
    const student = await Probe.join(second.url, { role: 'student', code: good.code, name: 'Ana' });
    expect(await student.next('seat')).toMatchObject({ info: { code: good.code } });
    await student.room.leave();
    // As the browser and the bots join (joinOrCreate): the room's refusal names the problem.
    const refused = await new Client(second.url)
      .joinOrCreate('class', { role: 'student', code: bad.code, name: 'Ana' })
      .then(
        () => 'joined',
        (e: Error) => e.message,
      );
    expect(refused).toMatch(/does not load/);
  });
});
