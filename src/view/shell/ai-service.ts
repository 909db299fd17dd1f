/**
 * The AI as the page asks it: one decision at a time, answered later. It runs in a Web Worker
 * (ai-worker.ts), a file of the game's own origin, so the strict policy in index.html allows it
 * without blob: URLs. Where a worker cannot start (or stops answering with an error), the same
 * host runs in the page instead, and the game goes on.
 */
import type { GameSpec, Scenario } from '../../core/types';
import type { AiDecision } from '../../session/ai';
import type { AiHost, AiPrepare, AiReply, AiRequest } from '../../session/ai-host';

export interface AiService {
  decide(scenario: Scenario, spec: GameSpec): Promise<AiDecision>;
  /**
   * The game so far, while a human is to move: the worker follows it and makes the AI's seats
   * before it is asked (the first request of a game would otherwise pay for them, and for the
   * worker's start). Nothing comes back; the page's fallback does nothing with it.
   */
  prepare(scenario: Scenario, spec: GameSpec): void;
  /** Where the AI thinks now: in its worker, or in the page after the worker failed. */
  readonly where: 'worker' | 'page';
}

type Pending = { scenario: Scenario; spec: GameSpec; resolve(d: AiDecision): void; reject(e: Error): void };

export function startAiService(): AiService {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let lastScenario: Scenario | null = null;
  let worker: Worker | null = null;
  let page: Promise<AiHost> | null = null;

  const inPage = (p: Pending) => {
    page ??= import('../../session/ai-host').then((m) => new m.AiHost());
    page.then(
      (host) => {
        const reply = host.handle({ id: 0, scenario: p.scenario, spec: p.spec });
        if (reply.ok) p.resolve(reply.decision);
        else p.reject(new Error(reply.message));
      },
      (error: unknown) => p.reject(error instanceof Error ? error : new Error(String(error))),
    );
  };
  const fallBack = () => {
    worker?.terminate();
    worker = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) inPage(p);
  };

  try {
    worker = new Worker(new URL('./ai-worker.ts', import.meta.url), { type: 'module', name: 'bargaining-chips-ai' });
    worker.onmessage = (event: MessageEvent<AiReply>) => {
      const reply = event.data;
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.decision);
      else p.reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      lastScenario = null;
      fallBack();
    };
  } catch {
    worker = null;
  }

  return {
    get where() {
      return worker ? 'worker' : 'page';
    },
    decide(scenario, spec) {
      return new Promise<AiDecision>((resolve, reject) => {
        const p: Pending = { scenario, spec, resolve, reject };
        if (!worker) return inPage(p);
        const id = nextId++;
        pending.set(id, p);
        // The scenario crosses once per game (it is the bulk of a request); the worker keeps it.
        const request: AiRequest = scenario === lastScenario ? { id, spec } : { id, scenario, spec };
        lastScenario = scenario;
        worker.postMessage(request);
      });
    },
    prepare(scenario, spec) {
      if (!worker) return;
      const message: AiPrepare = scenario === lastScenario ? { prepare: true, spec } : { prepare: true, scenario, spec };
      lastScenario = scenario;
      worker.postMessage(message);
    },
  };
}
