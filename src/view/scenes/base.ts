import Phaser from 'phaser';
import { SVG_ASSETS } from '../assets';
import { stageContext } from './context';

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
 * A screen's canvas: it draws its model into a root container and redraws it whole when the
 * model, the look or the art changes. Screens are turn-based, so a redraw is cheap enough.
 */
export abstract class ScreenScene<M> extends Phaser.Scene {
  protected model!: M;
  protected root!: Phaser.GameObjects.Container;
  private reported = false;

  init(data: { model: M }): void {
    this.model = data.model;
    this.reported = false;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(stageContext.palette.bg);
    this.root = this.add.container(0, 0);
    this.build();
    this.draw();
    const onAssets = () => this.redraw();
    this.game.events.on(ASSETS_READY, onAssets);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.game.events.off(ASSETS_READY, onAssets));
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      if (this.reported) return;
      this.reported = true;
      stageContext.onScreenDrawn(this.scene.key);
      this.game.events.emit(SCREEN_DRAWN, this.scene.key);
    });
  }

  setModel(model: M): void {
    this.model = model;
    this.redraw();
  }

  redraw(): void {
    if (!this.root) return;
    this.cameras.main.setBackgroundColor(stageContext.palette.bg);
    this.tweens.killAll();
    this.root.removeAll(true);
    this.draw();
  }

  /** Put objects in the redrawn layer. */
  protected put<T extends Phaser.GameObjects.GameObject>(obj: T): T {
    this.root.add(obj);
    return obj;
  }

  /** Objects that survive redraws (the table's chips) are made here. */
  protected build(): void {}

  protected abstract draw(): void;
}
