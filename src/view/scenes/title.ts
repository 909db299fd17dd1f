import type Phaser from 'phaser';
import { CATEGORY_LABELS, CATEGORY_ORDER } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { categoryIcon, flag, negotiator, text } from './draw';

/** The game in a sentence: under the title on the canvas, and in the title screen's panel. */
export const TAGLINE = 'A negotiation game on US–China technology and trade: chips, rare earths, tariffs and the price of every deal.';

export interface TitleModel {
  tagline: string;
}

/** The title: two negotiators at a table with the chips between them. */
export class TitleScene extends ScreenScene<TitleModel> {
  constructor() {
    super('title');
  }

  protected draw(): void {
    const p = stageContext.palette;
    this.put(text(this, 90, 90, 'Bargaining Chips', { size: 96, bold: true }));
    this.put(text(this, 96, 210, this.model.tagline, { size: 32, color: p.muted, wrap: 1300 }));

    this.put(negotiator(this, 'us', 430, 540, 1.8, 'probing', '', { badge: false }));
    this.put(negotiator(this, 'china', 1170, 540, 1.8, 'firm', '', { badge: false }));

    const table = this.add.graphics();
    table.fillStyle(p.tableEdge, 1);
    table.fillRoundedRect(150, 680, 1300, 260, 40);
    table.fillStyle(p.table, 1);
    table.fillRoundedRect(162, 690, 1276, 236, 34);
    this.put(table);

    this.put(flag(this, 'us', 300, 750, 50));
    this.put(flag(this, 'china', 1300, 750, 50));
    this.put(text(this, 300, 792, 'United States', { size: 24, bold: true, color: p.tableInk, originX: 0.5 }));
    this.put(text(this, 1300, 792, 'China', { size: 24, bold: true, color: p.tableInk, originX: 0.5 }));

    CATEGORY_ORDER.slice(0, 4).forEach((category, i) => {
      const chip = this.add.container(560 + i * 160, 800);
      const bg = this.add.graphics();
      bg.fillStyle(p.surface, 1);
      bg.lineStyle(3, p.category[category], 1);
      bg.fillRoundedRect(-70, -46, 140, 92, 14);
      bg.strokeRoundedRect(-70, -46, 140, 92, 14);
      chip.add([bg, categoryIcon(this, category, 0, -14, 40) as Phaser.GameObjects.Image]);
      chip.add(text(this, 0, 22, CATEGORY_LABELS[category].replace('National-security control', 'Security').replace(' resource', ''), { size: 17, bold: true, originX: 0.5, originY: 0.5 }));
      this.put(chip);
      if (!stageContext.reducedMotion) {
        this.tweens.add({ targets: chip, y: 788, duration: 1400 + i * 180, yoyo: true, repeat: -1, ease: 'Sine.easeInOut' });
      }
    });
  }
}
