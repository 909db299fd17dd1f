import Phaser from 'phaser';

/** Input that may change what the canvas shows (a hover, a drag, a wheel): each wakes the loop. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'pointerleave', 'wheel', 'keydown'] as const;

/**
 * Lets Phaser's loop sleep while the canvas has nothing to change. The screens are turn-based:
 * a frame is needed only after a new model, the look changing, the art arriving, input over the
 * canvas, a resize, or while a tween or the loader runs. Each of those wakes the loop (`poke`);
 * once `idleMs` has passed and two frames have been drawn since the last one, and nothing is
 * animating, the loop sleeps, and the canvas keeps its last frame (a 2D canvas keeps its pixels;
 * the WebGL renderer preserves its drawing buffer). The window is short: where WebGL is drawn in software and read back for the
 * page (no GPU), each frame costs tens of milliseconds of the CPU the AI's worker needs.
 */
export class StageIdler {
  private last = performance.now();
  /** Frames drawn since the last poke: a change made just before a frame is drawn by it. */
  private frames = 0;

  constructor(
    private readonly game: Phaser.Game,
    parent: HTMLElement,
    private readonly idleMs = 100,
  ) {
    const poke = () => this.poke();
    for (const type of INPUT_EVENTS) parent.addEventListener(type, poke, { passive: true, capture: true });
    window.addEventListener('resize', poke, { passive: true });
    game.events.on(Phaser.Core.Events.POST_RENDER, () => this.afterFrame());
  }

  /** Something may change what the canvas shows: run the loop (again) for a while. */
  poke(): void {
    this.last = performance.now();
    this.frames = 0;
    const loop = this.game.loop;
    if (!loop.running && this.game.isBooted) {
      loop.wake(true);
      // The first delta after a sleep would span the whole sleep: start a tween from now, not from then.
      loop.resetDelta();
    }
  }

  /** Whether the loop is running now (the bench and the tests read it through the stage). */
  get awake(): boolean {
    return this.game.loop.running;
  }

  private afterFrame(): void {
    this.frames++;
    if (!this.idle() || this.animating()) return;
    // Sleep after this frame has been handed over, not inside Phaser's own step.
    queueMicrotask(() => {
      if (this.idle() && !this.animating()) this.game.loop.sleep();
    });
  }

  private idle(): boolean {
    return this.frames >= 2 && performance.now() - this.last >= this.idleMs;
  }

  /** A tween, a load or a held pointer needs the frames to go on. */
  private animating(): boolean {
    if (this.game.input?.activePointer?.isDown) return true;
    for (const scene of this.game.scene.getScenes(true)) {
      const { tweens, load } = scene as { tweens?: Phaser.Tweens.TweenManager; load?: Phaser.Loader.LoaderPlugin };
      if (tweens && tweens.getTweens().length > 0) return true;
      if (load?.isLoading()) return true;
    }
    return false;
  }
}
