import { MemoryStorage, type KeyValueStorage } from './session/storage';
import { App } from './view/app';
import { loadEmbeddedScenarios } from './view/embedded-scenarios';
import { stageContext } from './view/scenes/context';
import { installTestHook } from './view/test-hook';

/** The browser entry: storage, the app, the top bar, and the test hook. */

function browserStorage(): { storage: KeyValueStorage; problem: string | null } {
  try {
    const storage = window.localStorage;
    const probe = 'bargaining-chips/probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return { storage, problem: null };
  } catch (error) {
    return { storage: new MemoryStorage(), problem: `This browser does not let the game save (${(error as Error).message}): a reload will start afresh.` };
  }
}

function randomSeed(): string {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return bytes[0]!.toString(36).padStart(6, '0').slice(-6);
}

const panel = document.getElementById('panel')!;
const announcer = document.getElementById('announcer')!;
const stage = document.getElementById('stage')!;
const { storage, problem } = browserStorage();

const app = new App(panel, announcer, stage, {
  storage,
  scenarios: async () => {
    const [files, loader] = await Promise.all([loadEmbeddedScenarios(), import('./session/scenario-loader')]);
    return { files, load: loader.loadScenario };
  },
  prefersReducedMotion: window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  ai: () => import('./session/ai'),
  history: () => import('./view/history-ui'),
  randomSeed,
});
const hook = installTestHook(app);
let started = false;
let begun = false;

/**
 * Load the scenarios, the loader and the AI, and show the first screen's controls. This waits for
 * the title's first frame (or a moment, if the canvas cannot draw), so nothing delays that frame.
 */
function begin(): void {
  if (begun) return;
  begun = true;
  app.start().then(
    () => {
      started = true;
      hook.ready = Object.keys(hook.drawn).length > 0;
      if (problem) {
        app.notices = [{ kind: 'error', text: problem }];
        app.render();
      }
    },
    (error: unknown) => {
      const message = document.getElementById('boot-message');
      if (message) message.textContent = `The game could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
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

document.getElementById('nav-menu')!.addEventListener('click', () => app.go('title'));
document.getElementById('nav-settings')!.addEventListener('click', () => app.openSettings());
