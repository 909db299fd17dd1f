import type Phaser from 'phaser';
import { CATEGORY_LABELS, CATEGORY_ORDER } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { categoryIcon, compactIn, flag, negotiator, text, type CompactAware } from './draw';

/** The game in a sentence: under the title on the canvas, and in the title screen's panel. */
export const TAGLINE = 'A negotiation game on US–China technology and trade: chips, rare earths, tariffs and the price of every deal.';

export interface TitleModel {
  tagline: string;
}

/**
 * The title: two negotiators at a table with the chips between them. On a small canvas (a phone)
 * the picture stays, with the name large and the sides named; the tagline is in the panel.
 */
export class TitleScene extends ScreenScene<TitleModel> implements CompactAware {
  readonly compactLayout = true;

  constructor() {
    super('title');
  }

  protected draw(): void {
    const p = stageContext.palette;
    const compact = compactIn(this);
    // Compact: the name at up to twice the least readable size, as wide as the canvas allows.
    const name = this.put(text(this, 90, compact ? 40 : 90, 'Bargaining Chips', { size: 96, bold: true, keep: true }));
    if (compact) name.setScale(Math.min(2, 1420 / name.width));
    this.put(text(this, 96, 210, this.model.tagline, { size: 32, color: p.muted, wrap: 1300 }));

    this.put(negotiator(this, 'us', 430, 540, 1.8, 'probing', '', { badge: false }));
    this.put(negotiator(this, 'china', 1170, 540, 1.8, 'firm', '', { badge: false }));

    const table = this.add.graphics();
    table.fillStyle(p.tableEdge, 1);
    table.fillRoundedRect(150, 680, 1300, 260, 40);
    table.fillStyle(p.table, 1);
    table.fillRoundedRect(162, 690, 1276, 236, 34);
    this.put(table);

    const sideName = (name: string) => this.put(text(this, 300, 792, name, { size: 24, bold: true, color: p.tableInk, originX: 0.5, keep: true }));
    let us = sideName('United States');
    const china = this.put(text(this, 1300, 792, 'China', { size: 24, bold: true, color: p.tableInk, originX: 0.5, keep: true }));
    // The names stay on the table however large they are drawn (the least readable size on a phone),
    // side by side: on a canvas too small for "United States" beside "China" (a class screen's strip
    // above a phone's panel), the US is named short.
    china.setX(Math.min(china.x, 1420 - china.width / 2));
    const usX = () => Math.max(300, 180 + us.width / 2);
    if (usX() + us.width / 2 + 20 > china.x - china.width / 2) {
      us.setVisible(false);
      us = sideName('US');
    }
    us.setX(usX());
    this.put(flag(this, 'us', us.x, 750, 50));
    this.put(flag(this, 'china', china.x, 750, 50));

    // The chips between the names, centred on the table, as many as fit.
    const from = us.x + us.width / 2 + 20;
    const to = china.x - china.width / 2 - 20;
    const count = Math.max(0, Math.min(4, Math.floor((to - from + 20) / 160)));
    const span = count * 160 - 20;
    const first = Math.min(Math.max(800 - span / 2, from), to - span) + 70;
    CATEGORY_ORDER.slice(0, count).forEach((category, i) => {
      const chip = this.add.container(first + i * 160, 800);
      const bg = this.add.graphics();
      bg.fillStyle(p.surface, 1);
      bg.lineStyle(3, p.category[category], 1);
      bg.fillRoundedRect(-70, -46, 140, 92, 14);
      bg.strokeRoundedRect(-70, -46, 140, 92, 14);
      // Compact: no words on the chip, so its category's icon fills it (as on the table).
      chip.add([bg, categoryIcon(this, category, 0, compact ? 0 : -14, compact ? 72 : 40) as Phaser.GameObjects.Image]);
      chip.add(text(this, 0, 22, CATEGORY_LABELS[category].replace('National-security control', 'Security').replace(' resource', ''), { size: 17, bold: true, originX: 0.5, originY: 0.5 }));
      this.put(chip);
      if (!stageContext.reducedMotion) {
        this.tweens.add({ targets: chip, y: 788, duration: 1400 + i * 180, yoyo: true, repeat: -1, ease: 'Sine.easeInOut' });
      }
    });
  }
}
