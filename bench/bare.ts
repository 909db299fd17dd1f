import Phaser from 'phaser';

/**
 * The benchmark's baseline: the smallest Phaser 4 page that draws a frame, built by the game's
 * own Vite config. Its first frame is the floor the game's title screen is measured against.
 */
declare global {
  interface Window {
    __bare?: { firstFrame: number | null };
  }
}

window.__bare = { firstFrame: null };

class Bare extends Phaser.Scene {
  create(): void {
    this.add.rectangle(800, 500, 600, 300, 0x31566b);
    this.add.text(800, 500, 'Phaser 4', { fontFamily: 'system-ui, sans-serif', fontSize: '64px', color: '#ffffff' }).setOrigin(0.5);
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      window.__bare!.firstFrame = performance.now();
    });
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'stage',
  width: 1600,
  height: 1000,
  backgroundColor: '#f4f2ec',
  banner: false,
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  render: { preserveDrawingBuffer: true },
  audio: { noAudio: true },
  scene: Bare,
});
