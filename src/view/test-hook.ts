import Phaser from 'phaser';
import type { TableScene } from './scenes/table';
import type { Game } from './shell/start';
import type { Stage } from './stage';

/**
 * A small window hook for the end-to-end tests and the benchmark: readiness, the current state,
 * where the chips are on the canvas (to drag them as a user would), and frame timings. Tests
 * play through clicks, drags and keys; this only lets them see.
 */
export interface TestHook {
  ready: boolean;
  /** performance.now() of each screen's first drawn frame, by screen (scene) key. */
  drawn: Record<string, number>;
  state(): Record<string, unknown>;
  layout(): { tokens: { id: string; role: string; inPackage: boolean; x: number; y: number; w: number; h: number }[]; zones: Record<string, { x: number; y: number; w: number; h: number }> } | null;
  /** loopAwake: whether Phaser's loop runs now (it sleeps while the canvas has nothing to change). */
  perf: { firstFrame: number | null; frames: number[]; recording: boolean; loopAwake(): boolean; renderer(): { renderer: string; reason: string; glRenderer: string | null } };
  /**
   * Every text on the canvas with its font size in CSS pixels as shown (to check it is readable),
   * what a number in it is (see CanvasFigure), its name if it has one, and its box in game units
   * (to check that texts neither overlap nor run off the canvas).
   */
  canvasText(): CanvasTextInfo[];
  /** The panel's markup as it is on the page, and as a full rebuild would draw it now (null before the game's code is in). */
  panel(): { live: string; fresh: string | null };
  /** The canvas's clickable timeline entries, in page coordinates (to click them as a user would). */
  entries(): { entry: string; x: number; y: number; w: number; h: number }[];
}

export interface CanvasTextInfo {
  text: string;
  /** What the text was asked to show, before it was shortened to fit (else `text`). */
  full: string;
  /** The lines as drawn (after wrapping): a word cut across two of them shows as a piece on each. */
  lines: string[];
  px: number;
  visible: boolean;
  figure: string | null;
  name: string;
  box: { x: number; y: number; w: number; h: number };
}

declare global {
  interface Window {
    __bc?: TestHook;
  }
}

/** A subtree's children as markup with each element's attributes in name order (their order means nothing). */
function markup(root: Element | null): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push(JSON.stringify(node.nodeValue));
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    const attrs = el.getAttributeNames().sort().map((name) => ` ${name}=${JSON.stringify(el.getAttribute(name))}`);
    out.push(`<${el.tagName.toLowerCase()}${attrs.join('')}>`);
    el.childNodes.forEach(walk);
    out.push(`</${el.tagName.toLowerCase()}>`);
  };
  root?.childNodes.forEach(walk);
  return out.join('');
}

/** Installed with the first frame's stage; the state is there once the game's code has arrived (`game` then answers). */
export function installTestHook(stage: Stage, game: () => Pick<Game, 'store' | 'aiWhere' | 'freshPanel'> | null): TestHook {
  const hook: TestHook = {
    ready: false,
    drawn: {},
    state: () => {
      const g = game();
      if (!g) return { screen: null, stage: stage.screen };
      const app = g.store.getState();
      const m = app.match;
      return {
        screen: app.screen,
        stage: stage.screen,
        scenario: app.scenario?.id ?? null,
        setup: app.setup,
        draft: app.draft,
        spec: m?.spec ?? null,
        round: m?.state.round ?? null,
        phase: m?.state.phase ?? null,
        turn: m?.state.turn ?? null,
        humanToMove: m?.humanToMove() ?? null,
        outcome: m?.state.outcome ?? null,
        standing: m?.state.standing ?? null,
        settings: app.settings,
        replay: app.replaying,
        branch: m?.branch ?? null,
        /** What the canvas was last drawn from (e.g. the debrief's series, history's among them). */
        stageModel: stage.model,
        dialog: app.dialog,
        materials: app.materials,
        glossaryTerm: app.glossaryTerm,
        /** Where the table's AI thinks: 'worker', or 'page' if its worker failed. */
        ai: g.aiWhere(),
      };
    },
    layout: () => {
      const scene = stage.scene('table');
      if (!scene || !('layoutInfo' in scene)) return null;
      const info = (scene as TableScene).layoutInfo();
      const k = stage.scaleFactor();
      const toClient = (r: { x: number; y: number; w: number; h: number }, centred: boolean) => {
        const p = stage.toClient(r.x, r.y);
        return centred ? { x: p.x, y: p.y, w: r.w * k, h: r.h * k } : { x: p.x, y: p.y, w: r.w * k, h: r.h * k };
      };
      return {
        tokens: info.tokens.map((t) => ({ ...t, ...toClient(t, true) })),
        zones: Object.fromEntries(Object.entries(info.zones).map(([key, r]) => [key, toClient(r, false)])),
      };
    },
    perf: {
      firstFrame: null,
      frames: [],
      recording: false,
      loopAwake: () => stage.idler.awake,
      // The renderer Phaser runs (it may differ from the choice only if Phaser itself fell back).
      renderer: () => ({ ...stage.renderer, renderer: stage.game.config.renderType === Phaser.WEBGL ? 'webgl' : 'canvas' }),
    },
    panel: () => {
      const fresh = game()?.freshPanel();
      return { live: markup(document.getElementById('panel')), fresh: fresh ? markup(fresh) : null };
    },
    entries: () => {
      const key = stage.screen;
      const scene = key ? stage.scene(key) : null;
      if (!scene) return [];
      const k = stage.scaleFactor();
      const out: { entry: string; x: number; y: number; w: number; h: number }[] = [];
      const walk = (list: Phaser.GameObjects.GameObject[]) => {
        for (const obj of list) {
          if (obj instanceof Phaser.GameObjects.Zone && typeof obj.getData('entry') === 'string') {
            const p = stage.toClient(obj.x, obj.y);
            out.push({ entry: obj.getData('entry') as string, x: p.x, y: p.y, w: obj.width * k, h: obj.height * k });
          } else if (obj instanceof Phaser.GameObjects.Container) walk(obj.list);
        }
      };
      walk(scene.children.list);
      return out;
    },
    canvasText: () => {
      const key = stage.screen;
      const scene = key ? stage.scene(key) : null;
      if (!scene) return [];
      const k = stage.scaleFactor();
      const out: CanvasTextInfo[] = [];
      const walk = (list: Phaser.GameObjects.GameObject[], scale: number, visible: boolean) => {
        for (const obj of list) {
          if (obj instanceof Phaser.GameObjects.Text) {
            const size = parseFloat(String(obj.style.fontSize));
            const figure: unknown = obj.data?.get('figure');
            const b = obj.getBounds();
            out.push({
              text: obj.text,
              full: typeof obj.data?.get('full') === 'string' ? (obj.data.get('full') as string) : obj.text,
              lines: obj.getWrappedText(),
              px: size * scale * obj.scaleY * k,
              visible: visible && obj.visible && obj.alpha > 0,
              figure: typeof figure === 'string' ? figure : null,
              name: obj.name,
              box: { x: b.x, y: b.y, w: b.width, h: b.height },
            });
          } else if (obj instanceof Phaser.GameObjects.Container) {
            walk(obj.list, scale * obj.scaleY, visible && obj.visible && obj.alpha > 0);
          }
        }
      };
      walk(scene.children.list, 1, true);
      return out;
    },
  };
  let stepStart = 0;
  stage.game.events.on(Phaser.Core.Events.PRE_STEP, () => {
    stepStart = performance.now();
  });
  stage.game.events.on(Phaser.Core.Events.POST_RENDER, () => {
    if (hook.perf.recording) hook.perf.frames.push(performance.now() - stepStart);
  });
  window.__bc = hook;
  return hook;
}
