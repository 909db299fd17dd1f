import Phaser from 'phaser';
import { AssetsScene, ASSETS_READY, type ScreenScene } from './scenes/base';
import { BriefingScene, type BriefingModel } from './scenes/briefing';
import { ChoiceScene, type ChoiceModel } from './scenes/choice';
import { stageContext } from './scenes/context';
import { StageIdler } from './stage-idle';
import { chooseRenderer, probeWebGL, type RendererChoice } from './renderer-choice';
import { DebriefScene, type DebriefSceneModel } from './scenes/debrief';
import { SetupScene, type SetupModel } from './scenes/setup';
import { TitleScene, type TitleModel } from './scenes/title';
import type { TableModel } from './scenes/table';
import type { HistoryModel } from './scenes/history';
import type { NotesModel } from './scenes/history-notes';
import type { ReplayModel } from './scenes/replay';
import { HIGH_CONTRAST, NORMAL } from './theme';

export interface SceneModels {
  title: TitleModel;
  choice: ChoiceModel;
  setup: SetupModel;
  briefing: BriefingModel;
  table: TableModel;
  debrief: DebriefSceneModel;
  /**
   * The table's scene (with the model it imports) and the history screens' scenes are registered
   * when their code arrives (see `register`): the title's first frame does not wait for them.
   */
  history: HistoryModel;
  replay: ReplayModel;
  'history-notes': NotesModel;
}

export type SceneKey = keyof SceneModels;

export const GAME_SIZE = { width: 1600, height: 1000 };

/**
 * Below this scale the designed layout's ordinary text (20 units, at most 1.6 times enlarged, see
 * draw.ts `readableSize`) would show smaller than 14 CSS px: a canvas under 700 CSS px wide.
 */
export const COMPACT_FIT = 14 / (20 * 1.6);

/**
 * The least readable size, in game units, up to which the designed layout holds a larger text
 * setting's text: what normal text reaches on a 1280×720 screen (24.6), and a little more. Past it
 * the chips' labels shrink to a word or none, the charts' words run into one another.
 */
export const DESIGNED_TEXT_LIMIT = 26;

/**
 * Whether the canvas draws its compact layout: on a small canvas, or with a larger text size
 * where the designed layout cannot hold text that large (a laptop's screen; a projector's can).
 */
export const isCompact = (fit: number, textScale = 1): boolean =>
  fit > 0 && (fit < COMPACT_FIT || (textScale > 1 && (14 * textScale) / fit > DESIGNED_TEXT_LIMIT));

/**
 * The canvas half of the screens: one Phaser 4 game, one scene per screen. The DOM half (every
 * control, every text-heavy panel) is built by the screens in src/view/screens.
 */
export class Stage {
  readonly game: Phaser.Game;
  private current: SceneKey | null = null;
  /** The model the current screen was last drawn from (the test hook reads it). */
  model: unknown = null;
  private pending: { key: SceneKey; model: unknown } | null = null;
  private booted = false;
  /** Phaser's loop sleeps while nothing on the canvas changes (see stage-idle.ts). */
  readonly idler: StageIdler;
  /** WebGL on a GPU, else the canvas renderer (see renderer-choice.ts); `?renderer=` overrides. */
  readonly renderer: RendererChoice;

  constructor(parent: HTMLElement, first: { key: SceneKey; model: unknown }) {
    this.pending = first;
    // The canvas is scaled to fit its box: text textures need that many pixels per unit, at most 2.
    const box = parent.getBoundingClientRect();
    const fit = Math.min(box.width / GAME_SIZE.width, box.height / GAME_SIZE.height) || 1;
    stageContext.textResolution = Math.min(2, Math.max(1, Math.ceil(fit * window.devicePixelRatio * 4) / 4));
    this.renderer = chooseRenderer(window.location.search, probeWebGL());
    if (this.renderer.problem) console.warn(this.renderer.problem);
    this.game = new Phaser.Game({
      type: this.renderer.renderer === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
      parent,
      width: GAME_SIZE.width,
      height: GAME_SIZE.height,
      backgroundColor: stageContext.palette.bg,
      banner: false,
      scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
      render: { preserveDrawingBuffer: true, antialias: true },
      input: { keyboard: false, gamepad: false },
      audio: { noAudio: true },
      scene: [AssetsScene, TitleScene, ChoiceScene, SetupScene, BriefingScene, DebriefScene],
      callbacks: {
        postBoot: () => {
          this.booted = true;
          const p = this.pending;
          this.pending = null;
          if (p) this.show(p.key as SceneKey, p.model as never);
        },
      },
    });
    this.game.canvas?.setAttribute('aria-hidden', 'true');
    this.idler = new StageIdler(this.game, parent);
    this.game.events.on(ASSETS_READY, () => this.idler.poke());
    stageContext.minTextSize = this.minTextSizeFor(fit);
    stageContext.compact = isCompact(fit, this.textScale);
    stageContext.smallCanvas = isCompact(fit);
    // The canvas follows its box: when it is scaled, canvas text keeps to its least readable size.
    this.game.scale.on(Phaser.Scale.Events.RESIZE, () => this.refit());
    // The box also changes without the window doing so (the debrief gives its panel the larger
    // share, the class screens a narrower stage): the canvas follows at once, not at the scale
    // manager's next poll (every 500 ms) of a loop that sleeps after 100 ms. `refresh` alone fits
    // the canvas to the box size last measured: the box is measured again first.
    if (typeof ResizeObserver !== 'undefined')
      new ResizeObserver(() => {
        if (!this.booted) return;
        if (this.game.scale.getParentBounds()) this.game.scale.refresh();
        this.idler.poke();
      }).observe(parent);
  }

  private textScale = 1;

  /** Game units that show as 14 CSS px times the text-size setting when the canvas is scaled by `fit`. */
  private minTextSizeFor(fit: number): number {
    return fit > 0 ? Math.ceil((14 * this.textScale) / fit) : 0;
  }

  /** Recompute the least text size for the canvas's current scale, and redraw if it changed. */
  private refit(): void {
    const fit = this.scaleFactor();
    const next = this.minTextSizeFor(fit);
    const compact = isCompact(fit, this.textScale);
    // with larger text, compact holds on a laptop and on a phone alike: only smallCanvas tells them apart
    const smallCanvas = isCompact(fit);
    if (next === stageContext.minTextSize && compact === stageContext.compact && smallCanvas === stageContext.smallCanvas) return;
    stageContext.minTextSize = next;
    stageContext.compact = compact;
    stageContext.smallCanvas = smallCanvas;
    if (!this.current) return;
    const scene = this.scene(this.current);
    if (scene) (scene as ScreenScene<unknown>).redraw();
    this.idler.poke();
  }

  /** The text-size setting, as a factor (1 for normal): canvas text grows with the panel's. */
  setTextScale(scale: number): void {
    if (scale === this.textScale) return;
    this.textScale = scale;
    stageContext.textScale = scale;
    stageContext.minTextSize = -1;
    this.refit();
  }

  /**
   * Add scenes whose code is loaded after the first frame (the table, the history screens), so
   * the title does not wait for them.
   */
  register(scenes: Partial<Record<SceneKey, typeof Phaser.Scene>>): void {
    this.idler.poke();
    for (const [key, scene] of Object.entries(scenes)) {
      if (!this.game.scene.getScene(key)) this.game.scene.add(key, scene, false);
    }
  }

  show<K extends SceneKey>(key: K, model: SceneModels[K]): void {
    this.model = model;
    this.idler?.poke();
    if (!this.booted) {
      this.pending = { key, model };
      return;
    }
    const manager = this.game.scene;
    if (this.current === key && manager.isActive(key)) {
      (manager.getScene(key) as ScreenScene<SceneModels[K]>).setModel(model);
      return;
    }
    if (this.current && this.current !== key) manager.stop(this.current);
    this.current = key;
    manager.start(key, { model });
  }

  get screen(): SceneKey | null {
    return this.current;
  }

  scene<K extends SceneKey>(key: K): Phaser.Scene | null {
    return this.game.scene.isActive(key) ? this.game.scene.getScene(key) : null;
  }

  /** Apply the look and motion settings and redraw the current screen. */
  setLook(highContrast: boolean, reducedMotion: boolean): void {
    const changed = stageContext.highContrast !== highContrast;
    stageContext.highContrast = highContrast;
    stageContext.palette = highContrast ? HIGH_CONTRAST : NORMAL;
    stageContext.reducedMotion = reducedMotion;
    this.idler.poke();
    if (!this.current) return;
    const scene = this.scene(this.current);
    // The table keeps its chips between redraws: a new palette rebuilds them.
    if (scene && changed && 'refreshLook' in scene) (scene as Phaser.Scene & { refreshLook(): void }).refreshLook();
    else if (scene) (scene as ScreenScene<unknown>).redraw();
  }

  /** Convert game coordinates to page (client) coordinates. */
  toClient(x: number, y: number): { x: number; y: number } {
    const rect = this.game.canvas.getBoundingClientRect();
    return { x: rect.left + (x / GAME_SIZE.width) * rect.width, y: rect.top + (y / GAME_SIZE.height) * rect.height };
  }

  scaleFactor(): number {
    return this.game.canvas.getBoundingClientRect().width / GAME_SIZE.width;
  }
}
