// First, before anything that builds a zod schema (see the module).
import './view/no-eval';
import { MemoryStorage, type KeyValueStorage } from './session/storage';
import { stageContext } from './view/scenes/context';
import { canvasFirst } from './view/shell/canvas-first';
import { keepForOffline } from './view/shell/offline';
import type { Game } from './view/shell/start';
import { installTestHook } from './view/test-hook';

/**
 * The browser entry: storage, the title's canvas, the test hook, the top bar; then, after the
 * title's first frame, the game's code (the store, the screens, the engine and its schemas).
 */

function browserStorage(): { storage: KeyValueStorage; problem: string | null } {
  try {
    const storage = window.localStorage;
    const probe = 'bargaining-chips/probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return { storage, problem: null };
  } catch (error) {
    // Full, or read-only: a game saved before is still there to resume, so it is read from where it is.
    if (readable()) {
      return {
        storage: window.localStorage,
        problem: `This browser does not let the game save (${(error as Error).message}): a game saved before can still be resumed, but a reload will lose the moves made now.`,
      };
    }
    return {
      storage: new MemoryStorage(),
      problem: `This browser does not let the game save (${(error as Error).message}): a reload will start afresh.`,
    };
  }
}

function readable(): boolean {
  try {
    window.localStorage.getItem('bargaining-chips/probe');
    return true;
  } catch {
    return false;
  }
}

function randomSeed(): string {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return bytes[0]!.toString(36).padStart(6, '0').slice(-6);
}

/**
 * index.html allows WebSockets (the class server's transport) to any host, as a static page
 * cannot name its own. Here the game names it: a second policy, which the browser enforces
 * together with the first, narrows them to this page's host, on any port (a class server may
 * run one process per port). An IPv6 literal cannot be named in a policy; that host keeps the
 * wider rule.
 */
function keepWebSocketsHome(): void {
  const host = location.hostname;
  if (!host || host.includes(':')) return;
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `connect-src 'self' ws://${host}:* wss://${host}:*`;
  document.head.appendChild(meta);
}

keepWebSocketsHome();
keepForOffline(document.querySelector<HTMLElement>('.topbar')!);
const { storage, problem } = browserStorage();
const first = canvasFirst(document.getElementById('stage')!, storage, window.matchMedia('(prefers-reduced-motion: reduce)').matches);
let game: Game | null = null;
const hook = installTestHook(first.stage, () => game);
let started = false;
let begun = false;

/**
 * Load the scenarios, the loader and the AI, and show the first screen's controls. This waits for
 * the title's first frame (or a moment, if the canvas cannot draw), so nothing delays that frame.
 */
function begin(): void {
  if (begun) return;
  begun = true;
  import('./view/shell/start')
    .then(({ startGame }) => {
      game = startGame(
        { panel: document.getElementById('panel')!, announcer: document.getElementById('announcer')! },
        {
          storage,
          storageProblem: problem,
          randomSeed,
          scenarios: async () => {
            const [{ loadEmbeddedScenarios }, loader] = await Promise.all([import('./view/embedded-scenarios'), import('./session/scenario-loader')]);
            return { files: await loadEmbeddedScenarios(), load: loader.loadScenario };
          },
          ai: () => import('./session/ai'),
          history: () => import('./view/history-ui'),
        },
        first,
      );
      return game.load();
    })
    .then(
      () => {
        started = true;
        hook.ready = Object.keys(hook.drawn).length > 0;
      },
      (error: unknown) => {
        const message = document.getElementById('boot-message');
        if (message)
          message.textContent = `The game could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
      },
    );
}

stageContext.onScreenDrawn = (key) => {
  const now = performance.now();
  hook.drawn[key] = now;
  if (key === 'title' && hook.perf.firstFrame === null) {
    hook.perf.firstFrame = now;
    setTimeout(begin, 0);
  }
  hook.ready = started;
};
setTimeout(begin, 2000);

document
  .getElementById('nav-menu')!
  .addEventListener('click', () => game?.store.dispatch({ type: 'navigate', screen: 'title' }));
document
  .getElementById('nav-settings')!
  .addEventListener('click', () => game?.store.dispatch({ type: 'open-settings' }));
