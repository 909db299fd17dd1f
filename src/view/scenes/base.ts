import Phaser from 'phaser';
import { SVG_ASSETS } from '../assets';
import { stageContext } from './context';
import { textContentOf, textStyleOf, type TextRecycler } from './draw';

export const ASSETS_READY = 'bargaining-chips:assets-ready';
export const SCREEN_DRAWN = 'bargaining-chips:screen-drawn';

/** A scene that loads the project's SVG art in the background, so no screen waits for it. */
export class AssetsScene extends Phaser.Scene {
  constructor() {
    super({ key: 'assets', active: true });
  }

  create(): void {
    // After the first screen's first frame: the title draws without waiting for the art.
    this.game.events.once(SCREEN_DRAWN, () => this.loadArt());
  }

  private loadArt(): void {
    const missing = SVG_ASSETS.filter((a) => !this.textures.exists(a.key));
    for (const a of missing) this.load.svg(a.key, a.url, { width: a.width * 2, height: a.height * 2 });
    this.load.once(Phaser.Loader.Events.COMPLETE, () => {
      this.registry.set('assetsReady', true);
      this.game.events.emit(ASSETS_READY);
    });
    this.load.start();
  }
}

/**
 * A screen's canvas: it draws its model into a root container. A new model is drawn once, at the
 * next frame (the changes of one turn, the move and the AI's reply, often fall into one frame).
 * Redrawing keeps what it can: a part drawn with `part` is redrawn only when its inputs change,
 * and the texts of what is redrawn are kept for the new drawing to reuse (making a text texture
 * is the costly part of a redraw: a canvas, a font rasterised, a texture uploaded).
 */
export abstract class ScreenScene<M> extends Phaser.Scene implements TextRecycler {
  protected model!: M;
  protected root!: Phaser.GameObjects.Container;
  private reported = false;
  /** A model arrived and is not drawn yet. */
  private stale = false;
  /** Where `put` puts: the root, or the part being drawn. */
  private target: Phaser.GameObjects.Container | null = null;
  private parts = new Map<string, { layer: Phaser.GameObjects.Container; inputs: string | null; seen: boolean }>();
  /** Texts taken off the last drawings, by style, with how many drawings ago they were last shown. */
  private spare = new Map<string, { text: Phaser.GameObjects.Text; age: number }[]>();

  init(data: { model: M }): void {
    this.model = data.model;
    this.reported = false;
    this.stale = false;
    this.target = null;
    this.parts = new Map();
    this.spare = new Map();
  }

  create(): void {
    this.cameras.main.setBackgroundColor(stageContext.palette.bg);
    this.root = this.add.container(0, 0);
    this.build();
    this.paint();
    const onAssets = () => this.redraw();
    this.game.events.on(ASSETS_READY, onAssets);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.game.events.off(ASSETS_READY, onAssets);
      // Spare texts are off the display list: the scene's shutdown would not destroy them.
      for (const list of this.spare.values()) for (const s of list) s.text.destroy();
      this.spare.clear();
    });
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      if (this.reported) return;
      this.reported = true;
      stageContext.onScreenDrawn(this.scene.key);
      this.game.events.emit(SCREEN_DRAWN, this.scene.key);
    });
  }

  /** A new model: drawn before the next frame renders, once however many arrive before it. */
  setModel(model: M): void {
    this.model = model;
    this.stale = true;
  }

  override update(): void {
    if (this.stale && this.root) this.paint();
  }

  /** Draw everything again (the look, the text size or the art changed): no part is kept. */
  redraw(): void {
    if (!this.root) return;
    this.cameras.main.setBackgroundColor(stageContext.palette.bg);
    for (const part of this.parts.values()) part.inputs = null;
    this.paint();
  }

  /** Draw the model: loose objects again, parts whose inputs changed again, texts reused. */
  private paint(): void {
    this.stale = false;
    for (const list of this.spare.values()) for (const s of list) s.age++;
    for (const child of [...this.root.list]) {
      if (this.isPart(child)) continue;
      this.root.remove(child);
      this.recycle(child);
    }
    for (const part of this.parts.values()) part.seen = false;
    this.target = this.root;
    this.draw();
    for (const part of this.parts.values()) {
      if (part.seen) continue;
      this.empty(part.layer);
      part.inputs = null;
    }
    // Texts not wanted for two drawings are let go.
    for (const [style, list] of this.spare) {
      const kept = list.filter((s) => s.age < 2 || (s.text.destroy(), false));
      if (kept.length) this.spare.set(style, kept);
      else this.spare.delete(style);
    }
  }

  private isPart(obj: Phaser.GameObjects.GameObject): boolean {
    for (const part of this.parts.values()) if (part.layer === obj) return true;
    return false;
  }

  /**
   * A part of the drawing redrawn only when `inputs` (anything JSON can write) differ from the
   * last time, or when everything is redrawn. Parts keep the order in which they were first drawn.
   */
  protected part(name: string, inputs: unknown, draw: () => void): void {
    let part = this.parts.get(name);
    if (!part) {
      part = { layer: this.add.container(0, 0), inputs: null, seen: false };
      this.root.add(part.layer);
      this.parts.set(name, part);
    }
    part.seen = true;
    const key = JSON.stringify(inputs ?? null);
    if (part.inputs === key) return;
    this.empty(part.layer);
    part.inputs = key;
    const outer = this.target;
    this.target = part.layer;
    try {
      draw();
    } finally {
      this.target = outer;
    }
  }

  private empty(layer: Phaser.GameObjects.Container): void {
    for (const child of [...layer.list]) {
      layer.remove(child);
      this.recycle(child);
    }
  }

  /** Take an object off the drawing: its texts (at any depth) go to the spares, the rest is destroyed. */
  private recycle(obj: Phaser.GameObjects.GameObject): void {
    this.tweens.killTweensOf(obj);
    const style = obj instanceof Phaser.GameObjects.Text ? textStyleOf(obj) : null;
    if (style !== null) {
      const t = obj as Phaser.GameObjects.Text;
      t.removeFromDisplayList();
      const list = this.spare.get(style) ?? [];
      list.push({ text: t, age: 0 });
      this.spare.set(style, list);
      return;
    }
    if (obj instanceof Phaser.GameObjects.Container) {
      for (const child of [...obj.list]) {
        obj.remove(child);
        this.recycle(child);
      }
    }
    obj.destroy();
  }

  /** A spare text of this style, showing `content` if one does (no texture to make then). */
  reuseText(style: string, content: string): Phaser.GameObjects.Text | null {
    const list = this.spare.get(style);
    if (!list || list.length === 0) return null;
    let at = list.findIndex((s) => textContentOf(s.text) === content);
    if (at < 0) at = 0;
    const [s] = list.splice(at, 1);
    s!.text.addToDisplayList();
    return s!.text;
  }

  /** Put objects in the drawing (in the part being drawn, if any). */
  protected put<T extends Phaser.GameObjects.GameObject>(obj: T): T {
    (this.target ?? this.root).add(obj);
    return obj;
  }

  /** Objects that survive redraws (the table's chips) are made here. */
  protected build(): void {}

  protected abstract draw(): void;
}
