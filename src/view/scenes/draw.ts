import type Phaser from 'phaser';
import type { IssueCategory, Side } from '../../core/types';
import type { Posture } from '../../session/ai';
import { POSTURES } from '../../session/text';
import type { CanvasFigure } from '../figure-sources';
import { css, FONT } from '../theme';
import { stageContext } from './context';

/** Drawing helpers shared by the scenes. All text is set as text (Phaser never parses markup). */

export interface TextOptions {
  size?: number;
  color?: number;
  bold?: boolean;
  wrap?: number;
  align?: 'left' | 'center' | 'right';
  originX?: number;
  originY?: number;
  maxLines?: number;
  /** Shorten the content with an ellipsis to fit this many lines (of `wrap`), as `fitText` does. */
  fit?: number;
  /**
   * In a scene's compact layout (a canvas too small for the designed one, see `stageContext.compact`),
   * this text stays, drawn at exactly the least readable size; every other text of the scene is
   * hidden, as the panel beside the canvas carries its words.
   */
  keep?: boolean;
}

/** A scene with a layout of its own for a small canvas: its texts follow the `keep` option there. */
export interface CompactAware {
  compactLayout: boolean;
}

/** Whether `scene` is drawing its compact layout now. */
export function compactIn(scene: Phaser.Scene): boolean {
  return stageContext.compact && (scene as Partial<CompactAware>).compactLayout === true;
}

/**
 * Font metrics by size and weight. Phaser measures a font by drawing it and scanning the pixels
 * each time a Text is made; one measurement per font is enough, and a table redraw makes dozens.
 */
const metricsCache = new Map<string, Phaser.Types.GameObjects.Text.TextMetrics>();

/**
 * A font size no smaller than 14 CSS px (times the text-size setting) at the canvas's scale, but
 * at most 1.6 times its designed size times that setting: on a phone-sized canvas the layout
 * would break long before text could be read, and the panel carries every word there.
 */
export function readableSize(designed: number, scale = 1): number {
  const cap = (designed * 1.6 * stageContext.textScale) / scale;
  return Math.ceil(Math.max(designed, Math.min(stageContext.minTextSize / scale, cap)));
}

/** A scene that keeps the texts of its last drawing for the next one (see ScreenScene). */
export interface TextRecycler {
  reuseText(style: string, content: string): Phaser.GameObjects.Text | null;
}

/** What each text made by `text` was asked to show, and in which style (its key for reuse). */
const made = new WeakMap<Phaser.GameObjects.Text, { style: string; content: string }>();

export const textStyleOf = (t: Phaser.GameObjects.Text): string | null => made.get(t)?.style ?? null;
export const textContentOf = (t: Phaser.GameObjects.Text): string | null => made.get(t)?.content ?? null;

export function text(scene: Phaser.Scene, x: number, y: number, content: string, o: TextOptions = {}): Phaser.GameObjects.Text {
  // Never below what reads as 14 CSS px (scaled by the text-size setting) at the canvas's scale.
  const compact = compactIn(scene);
  const size = compact && o.keep ? Math.ceil(stageContext.minTextSize) : readableSize(o.size ?? 20);
  const color = css(o.color ?? stageContext.palette.ink);
  const style = [size, o.bold ? 'b' : 'n', color, o.align ?? 'left', o.wrap ?? 0, o.maxLines ?? 0, stageContext.textResolution].join('|');
  const asked = o.fit ? `${o.fit}|${content}` : content;
  const reused = (scene as Partial<TextRecycler>).reuseText?.(style, asked) ?? null;
  if (reused) {
    // A text of the last drawing, set as if new (callers may have turned, faded or named it).
    reused.setPosition(x, y).setAngle(0).setScale(1).setAlpha(1).setVisible(!(compact && !o.keep)).setDepth(0).setName('');
    reused.data?.reset();
    reused.setOrigin(o.originX ?? 0, o.originY ?? 0);
    if (made.get(reused)!.content !== asked) {
      if (o.fit) fitText(reused, content, o.fit);
      else reused.setText(content);
      made.set(reused, { style, content: asked });
    } else if (o.fit) reused.setData('full', content); // the reset above cleared what fitText noted
    return reused;
  }
  const fontKey = `${size}|${o.bold ? 'b' : 'n'}`;
  const metrics = metricsCache.get(fontKey);
  const t = scene.add.text(x, y, o.fit ? '' : content, {
    fontFamily: FONT,
    fontSize: `${size}px`,
    fontStyle: o.bold ? 'bold' : 'normal',
    color,
    align: o.align ?? 'left',
    resolution: stageContext.textResolution,
    ...(o.wrap ? { wordWrap: { width: o.wrap, useAdvancedWrap: true } } : {}),
    ...(o.maxLines ? { maxLines: o.maxLines } : {}),
    ...(metrics ? { metrics } : {}),
  });
  if (!metrics) metricsCache.set(fontKey, t.getTextMetrics());
  if (o.fit) fitText(t, content, o.fit);
  t.setOrigin(o.originX ?? 0, o.originY ?? 0);
  if (compact && !o.keep) t.setVisible(false);
  made.set(t, { style, content: asked });
  return t;
}

/**
 * A clickable area over a timeline entry's bar and label: the hand cursor says it can be
 * clicked, and a click picks the entry's card in the panel (see `stageContext.pickEntry`).
 */
export function entryHitArea(scene: Phaser.Scene, kind: 'scenario' | 'episode', id: string, x: number, y: number, w: number, h: number): Phaser.GameObjects.Zone {
  const zone = scene.add.zone(x, y, w, h).setOrigin(0, 0);
  zone.setInteractive({ useHandCursor: true });
  zone.setData('entry', `${kind}:${id}`);
  zone.on('pointerup', () => stageContext.pickEntry(kind, id));
  return zone;
}

/** Tag a text that shows a number with what the number is (the test hook reads it; see CanvasFigure). */
export function figure<T extends Phaser.GameObjects.Text>(t: T, kind: CanvasFigure): T {
  t.setData('figure', kind);
  return t;
}

/** What a label was shortened to, by font, wrap width, lines and content (measuring is not free). */
const fitted = new Map<string, string>();

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * Whether `content` wraps into at most `lines` lines without cutting a word: the wrapping breaks
 * a word too wide for a line into pieces, which shows as more words than there were.
 */
function fitsWhole(t: Phaser.GameObjects.Text, content: string, lines: number): boolean {
  const wrapped = t.getWrappedText(content);
  return wrapped.length <= lines && wordCount(wrapped.join(' ')) === wordCount(content);
}

/**
 * Shorten a label to fit `lines` lines of a wrapped text, at a word's end, with an ellipsis. When
 * not even its first word fits, the text is left empty (a word cut in two reads as another
 * word): returns whether any of it shows, so the caller can say it another way.
 */
export function fitText(t: Phaser.GameObjects.Text, content: string, lines: number): boolean {
  // What it was asked to show in full (the test hook compares the two).
  t.setData('full', content);
  const key = `${t.style.fontSize}|${t.style.fontStyle}|${t.style.wordWrapWidth ?? 0}|${lines}|${content}`;
  let shown = fitted.get(key);
  if (shown === undefined) {
    shown = content;
    if (!fitsWhole(t, content, lines)) {
      let cut = content.trim();
      do {
        const space = cut.lastIndexOf(' ');
        cut = space > 0 ? cut.slice(0, space).replace(/[\s,;:–-]+$/, '') : '';
      } while (cut !== '' && !fitsWhole(t, `${cut}…`, lines));
      shown = cut === '' ? '' : `${cut}…`;
    }
    if (fitted.size > 5000) fitted.clear();
    fitted.set(key, shown);
  }
  t.setText(shown);
  return shown !== '';
}

/** The first of `contents` (longest first) that fits `lines` lines whole; else the last, shortened as `fitText` does. */
export function fitFirst(t: Phaser.GameObjects.Text, contents: string[], lines: number): boolean {
  for (const content of contents.slice(0, -1)) if (fitText(t, content, lines) && t.text === content) return true;
  return fitText(t, contents[contents.length - 1] ?? '', lines);
}

export function flag(scene: Phaser.Scene, side: Side, x: number, y: number, height: number): Phaser.GameObjects.GameObject {
  const key = `flag-${side}`;
  if (scene.textures.exists(key)) {
    const img = scene.add.image(x, y, key);
    img.setDisplaySize((height * img.width) / img.height, height);
    return img;
  }
  const w = height * (side === 'us' ? 1.9 : 1.5);
  return scene.add.rectangle(x, y, w, height, side === 'us' ? 0x3c3b6e : 0xde2910);
}

export function categoryIcon(scene: Phaser.Scene, category: IssueCategory, x: number, y: number, size: number): Phaser.GameObjects.GameObject {
  const key = `icon-${category}`;
  if (scene.textures.exists(key)) return scene.add.image(x, y, key).setDisplaySize(size, size);
  return scene.add.circle(x, y, size / 2, stageContext.palette.category[category]);
}

export const POSTURE_GLYPHS: Record<Posture, string> = {
  preparing: '…',
  probing: '?',
  firm: '■',
  conceding: '▼',
  escalating: '▲',
  'cooling-off': '≈',
  deal: '✓',
  'walked-out': '✕',
};

/**
 * A seated negotiator: the project's figure art, arms drawn in the pose of the posture, and a
 * badge naming it (posture is never shown by colour or pose alone).
 */
export function negotiator(
  scene: Phaser.Scene,
  side: Side,
  x: number,
  y: number,
  scale: number,
  posture: Posture,
  name: string,
  opts: { badge?: boolean; highlight?: boolean } = {},
): Phaser.GameObjects.Container {
  const p = stageContext.palette;
  const c = scene.add.container(x, y);
  const key = `figure-${side}`;
  const gone = posture === 'walked-out';
  // Chair back.
  const chair = scene.add.graphics();
  chair.fillStyle(p.tableEdge, gone ? 0.5 : 0.9);
  chair.fillRoundedRect(-78 * scale, 20 * scale, 156 * scale, 130 * scale, 18 * scale);
  c.add(chair);
  if (!gone) {
    if (scene.textures.exists(key)) {
      c.add(scene.add.image(0, 0, key).setDisplaySize(200 * scale, 240 * scale).setOrigin(0.5, 0.5));
    } else {
      const g = scene.add.graphics();
      g.fillStyle(p.muted, 1);
      g.fillCircle(0, -30 * scale, 38 * scale);
      g.fillRoundedRect(-70 * scale, 30 * scale, 140 * scale, 90 * scale, 30 * scale);
      c.add(g);
    }
    c.add(arms(scene, posture, scale, side === 'us' ? 0x2f3e55 : 0x3b3f46));
  } else {
    const g = scene.add.graphics();
    g.lineStyle(3, p.muted, 1);
    g.strokeCircle(0, -30 * scale, 38 * scale);
    c.add(g);
  }
  if (opts.highlight) {
    const ring = scene.add.graphics();
    ring.lineStyle(5, p.accent, 1);
    ring.strokeRoundedRect(-100 * scale, -125 * scale, 200 * scale, 255 * scale, 16 * scale);
    c.add(ring);
  }
  // Wrapped to the figure's column: a long name with "(you)" would run into the charts beside it.
  const label = name ? text(scene, 0, 150 * scale + 8, name, { size: 22, bold: true, originX: 0.5, wrap: 250, align: 'center' }) : null;
  if (label) c.add(label);
  // The badge below the name, however many lines the name took.
  const below = label?.visible ? Math.max(50, label.height + 24) : 50;
  if (opts.badge !== false) c.add(postureBadge(scene, posture, 0, 150 * scale + 8 + below));
  return c;
}

function arms(scene: Phaser.Scene, posture: Posture, s: number, sleeve: number): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics();
  const hand = 0xe2b48c;
  const line = (pts: [number, number][]) => {
    g.lineStyle(26 * s, sleeve, 1);
    g.beginPath();
    g.moveTo(pts[0]![0] * s, pts[0]![1] * s);
    for (const [px, py] of pts.slice(1)) g.lineTo(px * s, py * s);
    g.strokePath();
    const [hx, hy] = pts[pts.length - 1]!;
    g.fillStyle(hand, 1);
    g.fillCircle(hx * s, hy * s, 13 * s);
  };
  switch (posture) {
    case 'probing':
      line([[-62, 60], [-70, 110], [-30, 118]]);
      line([[62, 60], [58, 40], [26, 6]]);
      break;
    case 'firm':
      line([[-62, 60], [-40, 100], [40, 92]]);
      line([[62, 60], [40, 104], [-40, 96]]);
      break;
    case 'conceding':
      line([[-62, 60], [-88, 108], [-110, 112]]);
      line([[62, 60], [88, 108], [110, 112]]);
      break;
    case 'escalating':
      line([[-62, 60], [-70, 110], [-34, 118]]);
      line([[62, 60], [96, 10], [104, -50]]);
      break;
    case 'cooling-off':
      line([[-62, 60], [-76, 120]]);
      line([[62, 60], [76, 120]]);
      break;
    case 'deal':
      line([[-62, 60], [-70, 110], [-34, 118]]);
      line([[62, 60], [110, 84], [150, 80]]);
      break;
    default:
      // preparing: both hands on the papers in front.
      line([[-62, 60], [-60, 110], [-26, 120]]);
      line([[62, 60], [60, 110], [26, 120]]);
      g.fillStyle(0xffffff, 1);
      g.fillRect(-34 * s, 112 * s, 68 * s, 18 * s);
  }
  return g;
}

export function postureBadge(scene: Phaser.Scene, posture: Posture, x: number, y: number): Phaser.GameObjects.Container {
  const p = stageContext.palette;
  const c = scene.add.container(x, y);
  const label = text(scene, 0, 0, `${POSTURE_GLYPHS[posture]}  ${POSTURES[posture].label}`, { size: 21, bold: true, originX: 0.5, originY: 0.5, color: p.ink });
  const w = label.width + 28;
  const bg = scene.add.graphics();
  bg.fillStyle(p.surface, 1);
  bg.lineStyle(2, p.ink, 1);
  bg.fillRoundedRect(-w / 2, -19, w, 38, 19);
  bg.strokeRoundedRect(-w / 2, -19, w, 38, 19);
  c.add([bg, label]);
  // Its words hidden (a compact layout), an empty pill would say nothing: the panel says the posture.
  c.setVisible(label.visible);
  return c;
}

/** Tween unless the player asked for reduced motion, in which case jump to the end at once. */
export function move(scene: Phaser.Scene, target: Phaser.GameObjects.Components.Transform & Phaser.GameObjects.GameObject, props: { x?: number; y?: number; scale?: number; alpha?: number }, duration = 220): void {
  scene.tweens.killTweensOf(target);
  if (stageContext.reducedMotion) {
    Object.assign(target, props);
    return;
  }
  scene.tweens.add({ targets: target, ...props, duration, ease: 'Cubic.easeOut' });
}
