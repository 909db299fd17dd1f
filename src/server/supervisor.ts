import { spawn, type ChildProcess } from 'node:child_process';

/**
 * `npm run serve -- --processes N`: the parent that keeps N class server processes running. A
 * child that dies is started again on its own port after a pause that doubles while it keeps
 * dying soon after starting (a crash loop must not spin the machine), and every restart is
 * logged. SIGINT or SIGTERM to the parent stops every child, then the parent. The classes of a
 * child that died come back on the others when their students reconnect (the move log is the
 * room); the restarted child takes new rooms again.
 */

export interface Backoff {
  /** First pause, after a child that had run a while. */
  minMs: number;
  maxMs: number;
  /** A child that ran this long before dying counts as healthy: the pause starts again from minMs. */
  healthyMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 30_000, healthyMs: 60_000 };

/** The pause before the next start, given the last pause and how long the child ran. */
export function nextDelay(previousMs: number, ranMs: number, b: Backoff = DEFAULT_BACKOFF): number {
  if (ranMs >= b.healthyMs || previousMs <= 0) return b.minMs;
  return Math.min(b.maxMs, previousMs * 2);
}

export interface SupervisedChild {
  index: number;
  port: number;
  child: ChildProcess;
}

export interface Supervisor {
  children(): SupervisedChild[];
  /** Stops every child (SIGTERM) and resolves once all have exited. */
  stop(): Promise<void>;
}

export function supervise(options: {
  count: number;
  firstPort: number;
  /** The command that runs one child on `port`. */
  start: (port: number) => ChildProcess;
  log: (line: string) => void;
  backoff?: Backoff;
}): Supervisor {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let stopping = false;
  const slots = Array.from({ length: options.count }, (_, index) => ({ index, port: options.firstPort + index, child: undefined as unknown as ChildProcess, startedAt: 0, delayMs: 0, timer: undefined as NodeJS.Timeout | undefined }));
  const exited = new Set<number>();
  let allExited: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allExited = resolve));

  const launch = (slot: (typeof slots)[number]) => {
    slot.startedAt = Date.now();
    slot.child = options.start(slot.port);
    exited.delete(slot.index);
    options.log(`serve: process ${slot.index + 1} of ${options.count} started (pid ${slot.child.pid}, port ${slot.port})`);
    slot.child.on('exit', (code, signal) => {
      exited.add(slot.index);
      if (stopping) {
        if (exited.size === slots.length) allExited();
        return;
      }
      const ranMs = Date.now() - slot.startedAt;
      slot.delayMs = nextDelay(slot.delayMs, ranMs, backoff);
      options.log(`serve: process ${slot.index + 1} (pid ${slot.child.pid}, port ${slot.port}) exited (${signal ?? `code ${code}`}) after ${(ranMs / 1000).toFixed(1)} s; starting it again in ${(slot.delayMs / 1000).toFixed(1)} s`);
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        if (!stopping) launch(slot);
      }, slot.delayMs);
    });
  };
  for (const slot of slots) launch(slot);

  return {
    children: () => slots.map((s) => ({ index: s.index, port: s.port, child: s.child })),
    stop: () => {
      if (!stopping) {
        stopping = true;
        for (const slot of slots) {
          if (slot.timer) {
            clearTimeout(slot.timer);
            exited.add(slot.index);
          } else if (slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill('SIGTERM');
        }
        if (exited.size === slots.length) allExited();
      }
      return done;
    },
  };
}

export function spawnChild(script: string, execArgv: string[], env: NodeJS.ProcessEnv, port: number): ChildProcess {
  return spawn(process.execPath, [...execArgv, script], { env: { ...env, PORT: String(port), SERVE_CHILD: '1' }, stdio: 'inherit' });
}
