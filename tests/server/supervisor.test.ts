import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nextDelay, supervise } from '../../src/server/supervisor';

/** The `--processes` parent: restarts a child that dies, with a pause that grows while it keeps dying, and stops them all. */

const backoff = { minMs: 100, maxMs: 400, healthyMs: 5000 };

describe('nextDelay', () => {
  it('doubles while a child dies soon after starting, up to the maximum', () => {
    expect(nextDelay(0, 10, backoff)).toBe(100);
    expect(nextDelay(100, 10, backoff)).toBe(200);
    expect(nextDelay(200, 10, backoff)).toBe(400);
    expect(nextDelay(400, 10, backoff)).toBe(400);
  });
  it('starts again from the minimum after a child that ran long enough', () => {
    expect(nextDelay(400, 5000, backoff)).toBe(100);
  });
});

const waitFor = async (test: () => boolean, what: string) => {
  const until = Date.now() + 10_000;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('supervise', () => {
  it('starts a child killed with kill -9 again on its port, logs it, and stops every child when asked', { timeout: 30_000 }, async () => {
    const lines: string[] = [];
    const ports: number[] = [];
    const supervisor = supervise({
      count: 3,
      firstPort: 7000,
      start: (port) => {
        ports.push(port);
        return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      },
      log: (line) => lines.push(line),
      backoff,
    });
    expect(ports).toEqual([7000, 7001, 7002]);
    const victim = supervisor.children()[1]!.child;
    await waitFor(() => victim.pid !== undefined, 'the child to start');
    process.kill(victim.pid!, 'SIGKILL');
    await waitFor(() => supervisor.children()[1]!.child !== victim, 'the restart');
    expect(ports).toEqual([7000, 7001, 7002, 7001]);
    expect(lines.find((l) => l.includes('exited'))).toMatch(new RegExp(`process 2 \\(pid ${victim.pid}, port 7001\\) exited \\(SIGKILL\\).*starting it again in 0\\.1 s`));
    const children = supervisor.children().map((c) => c.child);
    await supervisor.stop();
    for (const c of children) expect(c.signalCode ?? c.exitCode).not.toBeNull();
    expect(ports).toHaveLength(4);
  });

  it('a child that keeps dying is started again after longer and longer pauses', { timeout: 30_000 }, async () => {
    const lines: string[] = [];
    const supervisor = supervise({ count: 1, firstPort: 7000, start: () => spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' }), log: (line) => lines.push(line), backoff });
    await waitFor(() => lines.filter((l) => l.includes('exited')).length >= 3, 'three exits');
    await supervisor.stop();
    const pauses = lines.filter((l) => l.includes('exited')).map((l) => /again in ([\d.]+) s/.exec(l)![1]);
    expect(pauses.slice(0, 3)).toEqual(['0.1', '0.2', '0.4']);
    expect(lines[1]).toMatch(/exited \(code 3\)/);
  });
});
