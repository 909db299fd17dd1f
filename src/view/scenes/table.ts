import Phaser from 'phaser';
import { INDICATORS } from '../../session/model';
import type { IndicatorProjection } from '../../core/projection';
import type { IndicatorId, Indicators, IssueCategory, Package, Side } from '../../core/types';
import type { Posture } from '../../session/ai';
import type { Chip, ChipGroup } from '../../session/draft';
import { fmt, signed } from '../dom';
import { possessive } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { categoryIcon, compactIn, fitFirst, figure, fitText, move, negotiator, readableSize, text, type CompactAware } from './draw';
import { CHIP, labelRoom, layoutTray, layoutZone, TOKEN, wrapLabel, type ChipMode, type Rect, type Slot } from './chip-layout';
import { CANVAS_LEGEND, CANVAS_MARK, markedLabel } from '../figure-sources';
import { css, FONT } from '../theme';

export interface TableModel {
  side: Side;
  opponent: Side;
  labels: Record<Side, string>;
  round: number;
  rounds: number;
  ended: boolean;
  /** Whether the player may move now (chips can be dragged). */
  yourTurn: boolean;
  postures: Record<Side, Posture>;
  offers: ChipGroup[];
  asks: ChipGroup[];
  draft: Package;
  standing: { by: Side; chips: Chip[] } | null;
  now: Indicators;
  /** Indicator values at round 0 and at the end of each round so far. */
  history: Indicators[];
  tradeIndicator: IndicatorId;
  /** The main chart: what the player's doctrine weighs most, across and up, and which way is better. */
  chart: { x: IndicatorId; y: IndicatorId; caption: string };
  projection: IndicatorProjection[] | null;
  standingProjection: IndicatorProjection[] | null;
  /** The talks ended in a deal: the table shows it (as the standing offer) and its projected effect from the moment it was struck. */
  deal?: boolean;
  weights: Partial<Record<IndicatorId, number>>;
  /** The chips whose labels carry a figure, by chip id: stated by a source, or the model's (drawn with its mark). */
  chipFigures: Record<string, 'estimate' | 'source'>;
  /** Changes whenever the other side has moved, to animate its offer onto the table. */
  moveKey: number;
}

export type { Rect } from './chip-layout';

const LEFT = { x: 16, w: 816 };
const OPP_TRAY: Rect = { x: LEFT.x, y: 8, w: LEFT.w, h: 282 };
const TABLE: Rect = { x: LEFT.x, y: 298, w: LEFT.w, h: 396 };
const STANDING: Rect = { x: TABLE.x + 14, y: TABLE.y + 12, w: TABLE.w - 28, h: 152 };
const ASK: Rect = { x: TABLE.x + 14, y: TABLE.y + 170, w: TABLE.w - 28, h: 104 };
const OFFER: Rect = { x: TABLE.x + 14, y: TABLE.y + 282, w: TABLE.w - 28, h: 104 };
const OWN_TRAY: Rect = { x: LEFT.x, y: 704, w: LEFT.w, h: 292 };
const RIGHT = { x: 1080, w: 508 };
/** Where the tension ladder's title stands: the chart and its legend end above it. */
const LADDER_TOP = 596;
const TRAY_LABEL = 30;
const FIGURE_X = 956;

/** About `count` round tick values covering [lo, hi]. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < hi + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** A marker shape: the chart and ladder never tell things apart by colour alone. */
function marker(g: Phaser.GameObjects.Graphics, shape: 'diamond' | 'triangle', x: number, y: number, r: number, color: number, fill: number): void {
  g.fillStyle(fill, 1);
  g.lineStyle(3, color, 1);
  if (shape === 'diamond') {
    const pts = [new Phaser.Math.Vector2(x, y - r), new Phaser.Math.Vector2(x + r, y), new Phaser.Math.Vector2(x, y + r), new Phaser.Math.Vector2(x - r, y)];
    g.fillPoints(pts, true);
    g.strokePoints(pts, true);
  } else {
    g.fillTriangle(x, y - r, x + r, y + r * 0.8, x - r, y + r * 0.8);
    g.strokeTriangle(x, y - r, x + r, y + r * 0.8, x - r, y + r * 0.8);
  }
}

const SHORT_CATEGORY: Record<IssueCategory, string> = {
  'security-control': 'Security control',
  economic: 'Economic',
  'strategic-resource': 'Resource',
  access: 'Access',
  'unrelated-priority': 'Unrelated',
};

/** Canvas 2D measuring for the chips' labels, in their font (as Phaser sets it: style, size, family). */
let measuring: CanvasRenderingContext2D | null = null;

/**
 * How wide a string is drawn at `size` game units: one function per font, each with its widths
 * memoised (the layout measures often, and memoises its wrapped labels by this function).
 */
const measurers = new Map<string, (s: string) => number>();

function measurer(size: number, weight: 'normal' | 'bold' = 'normal'): (s: string) => number {
  const font = `${weight} ${size}px ${FONT}`;
  let measure = measurers.get(font);
  if (!measure) {
    const widths = new Map<string, number>();
    measure = (s: string) => {
      let w = widths.get(s);
      if (w === undefined) {
        measuring ??= document.createElement('canvas').getContext('2d');
        if (!measuring) return s.length * size * 0.6;
        measuring.font = font;
        w = measuring.measureText(s).width;
        if (widths.size > 5000) widths.clear();
        widths.set(s, w);
      }
      return w;
    };
    measurers.set(font, measure);
  }
  return measure;
}

function inside(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}

interface Token {
  chip: Chip;
  container: Phaser.GameObjects.Container;
  inPackage: boolean;
  dragged: boolean;
}

/**
 * The table: the other side's levers at the top, yours at the bottom, the package between them,
 * the two negotiators, and on the right the round, the projected effect on the trade-gains vs
 * security-cost chart, the tension ladder and the other indicators.
 */
export class TableScene extends ScreenScene<TableModel> implements CompactAware {
  /**
   * On a phone the canvas keeps the table's picture and a few large words (the round, the zones,
   * the offer on the table, the tension); the chips' labels, the charts' figures and the trays'
   * headings are in the panel below it.
   */
  readonly compactLayout = true;
  private tokens = new Map<string, Token>();
  private tokenLayer!: Phaser.GameObjects.Container;
  private lastMoveKey = -1;

  constructor() {
    super('table');
  }

  override init(data: { model: TableModel }): void {
    super.init(data);
    this.tokens = new Map();
    this.lastMoveKey = -1;
    this.tokensCompact = stageContext.compact;
    this.freshAt = -1;
  }

  protected override build(): void {
    this.tokenLayer = this.add.container(0, 0).setDepth(10);
    this.input.dragDistanceThreshold = 4;
    this.input.on(Phaser.Input.Events.DRAG_START, (_p: Phaser.Input.Pointer, obj: Phaser.GameObjects.Container) => {
      this.tokenLayer.bringToTop(obj);
      this.tweens.killTweensOf(obj);
      obj.setScale(Math.max(obj.scale, 0.8));
    });
    this.input.on(Phaser.Input.Events.DRAG, (_p: Phaser.Input.Pointer, obj: Phaser.GameObjects.Container, x: number, y: number) => {
      obj.setPosition(x, y);
      const token = this.tokenOf(obj);
      if (token) token.dragged = true;
    });
    this.input.on(Phaser.Input.Events.DRAG_END, (pointer: Phaser.Input.Pointer, obj: Phaser.GameObjects.Container) => {
      const token = this.tokenOf(obj);
      if (!token) return;
      const onTable = inside(TABLE, pointer.worldX, pointer.worldY);
      if (onTable !== token.inPackage) stageContext.setChip(token.chip.issue, token.chip.position, onTable);
      else this.placeTokens();
    });
  }

  private tokenOf(obj: Phaser.GameObjects.GameObject): Token | undefined {
    return [...this.tokens.values()].find((t) => t.container === obj);
  }

  /** Where the chips and the table's zones are, in game coordinates (for the test hook). */
  layoutInfo(): { tokens: { id: string; role: Chip['role']; inPackage: boolean; x: number; y: number; w: number; h: number }[]; zones: Record<'table' | 'offer' | 'ask' | 'ownTray' | 'theirTray', Rect> } {
    return {
      tokens: [...this.tokens.values()].map((t) => {
        const slot = this.slotOf(t);
        return { id: t.chip.id, role: t.chip.role, inPackage: t.inPackage, x: slot.x, y: slot.y, w: slot.w, h: slot.h };
      }),
      zones: { table: TABLE, offer: OFFER, ask: ASK, ownTray: OWN_TRAY, theirTray: OPP_TRAY },
    };
  }

  private slots = new Map<string, Slot>();

  private slotOf(t: Token): Slot {
    return this.slots.get(t.chip.id) ?? { x: t.container.x, y: t.container.y, w: t.container.width, h: t.container.height };
  }

  /** The moveKey at which the other side's standing offer last arrived, and whether it arrived in this drawing (it slides in then). */
  private freshAt = -1;
  private arrived = false;

  /**
   * Each part is redrawn only when what it shows changed: a move redraws the round, the chart and
   * the offer, not the trays' headings or the negotiators who kept their postures.
   */
  protected draw(): void {
    const m = this.model;
    const p = stageContext.palette;
    this.arrived = m.moveKey !== this.lastMoveKey && m.standing?.by === m.opponent;
    if (this.arrived) this.freshAt = m.moveKey;
    this.lastMoveKey = m.moveKey;
    const them = m.labels[m.opponent];
    const hint = m.yourTurn && Object.values(m.draft).length === 0;
    // Compact: a zone's title shows while no chip covers it, so the draft is an input there.
    this.part('table', { them, standing: m.standing !== null, ended: m.ended, hint, draft: compactIn(this) ? m.draft : null }, () => this.drawTable());
    const standingFigures = (m.standing?.chips ?? []).map((c) => m.chipFigures[c.id] ?? null);
    this.part('standing', { standing: m.standing, figures: standingFigures, deal: m.deal, side: m.side, them, fresh: m.standing?.by === m.opponent ? this.freshAt : null }, () => this.drawStanding());
    this.part('figures', { postures: m.postures, labels: m.labels, side: m.side, ended: m.ended }, () => this.drawFigures());
    this.part('round', { ended: m.ended, round: m.round, rounds: m.rounds }, () => this.drawRound());
    const { projection, standingProjection, deal } = m;
    const sourced = [...m.offers, ...m.asks].flatMap((g) => g.chips).concat(m.standing?.chips ?? []).some((c) => m.chipFigures[c.id] === 'source');
    this.part('chart', { chart: m.chart, history: m.history, now: m.now, projection, standingProjection, deal, sourced }, () => this.drawChart());
    this.part('ladder', { tension: m.now.tension, package: m.projection?.find((x) => x.indicator === 'tension') ?? null }, () => this.drawLadder());
    this.part('bars', { chart: m.chart, now: m.now, projection, standingProjection, deal, weights: m.weights }, () => this.drawBars());
    if (m.ended) {
      this.part('ended', m.deal ?? false, () =>
        this.put(text(this, TABLE.x + TABLE.w / 2, (ASK.y + OFFER.y + OFFER.h) / 2, m.deal ? 'Deal agreed: its projected effect is on the right' : 'The talks are over', { size: 30, bold: true, originX: 0.5, originY: 0.5, color: p.tableInk, wrap: TABLE.w - 60, align: 'center', keep: true })),
      );
    }
    this.syncTokens();
  }

  private drawTable(): void {
    const p = stageContext.palette;
    const m = this.model;
    const g = this.put(this.add.graphics());
    g.fillStyle(p.tableEdge, 1);
    g.fillRoundedRect(TABLE.x, TABLE.y, TABLE.w, TABLE.h, 26);
    g.fillStyle(p.table, 1);
    g.fillRoundedRect(TABLE.x + 6, TABLE.y + 6, TABLE.w - 12, TABLE.h - 12, 22);
    const compact = compactIn(this);
    const inZone = (role: Chip['role']) => [...m.offers, ...m.asks].some((gr) => gr.chips.some((c) => c.role === role && m.draft[c.issue] === c.position));
    const zone = (r: Rect, title: string, dashed: boolean, filled = false) => {
      g.fillStyle(p.zone, 1);
      g.fillRoundedRect(r.x, r.y, r.w, r.h, 14);
      g.lineStyle(2, p.tableInk, dashed ? 0.5 : 0.9);
      g.strokeRoundedRect(r.x, r.y, r.w, r.h, 14);
      // Compact: the zone's name large in its middle, while no chip covers it.
      if (compact) {
        // As many lines as the zone holds, shortened if need be (the panel names the zones in full).
        if (!filled && title) {
          const lines = Math.max(1, Math.floor((r.h - 8) / (stageContext.minTextSize * 1.25)));
          fitText(this.put(text(this, r.x + r.w / 2, r.y + r.h / 2, '', { bold: true, color: p.tableInk, originX: 0.5, originY: 0.5, wrap: r.w - 24, align: 'center', keep: true })), title, lines);
        }
      } else this.put(text(this, r.x + 12, r.y + 6, title, { size: 21, bold: true, color: p.tableInk }));
    };
    const them = m.labels[m.opponent];
    zone(STANDING, m.standing ? '' : 'No offer on the table', true);
    // After the talks the zones stand empty: the table's message takes their place.
    if (!m.ended) {
      zone(ASK, `You ask of ${them}`, false, inZone('ask'));
      zone(OFFER, 'You offer', false, inZone('offer'));
    }
    const hint = m.yourTurn ? 'Drag a chip here, or click it' : '';
    if (!Object.values(m.draft).length && hint) {
      this.put(text(this, ASK.x + ASK.w / 2, ASK.y + ASK.h / 2 + 14, `${hint} (${possessive(them)} levers, top)`, { size: 20, color: p.tableInk, originX: 0.5, originY: 0.5 }));
      this.put(text(this, OFFER.x + OFFER.w / 2, OFFER.y + OFFER.h / 2 + 14, `${hint} (your levers, below)`, { size: 20, color: p.tableInk, originX: 0.5, originY: 0.5 }));
    }
    // One line across the tray, shortened if the text is drawn large (the trays' areas leave it that line).
    this.put(text(this, OPP_TRAY.x, OPP_TRAY.y, `${possessive(them)} levers: drag one onto the table to ask for it`, { size: 21, bold: true, wrap: OPP_TRAY.w, fit: 1 })).setName('tray-label');
    this.put(text(this, OWN_TRAY.x, OWN_TRAY.y, 'Your levers: drag one onto the table to offer it', { size: 21, bold: true, wrap: OWN_TRAY.w, fit: 1 })).setName('tray-label');
  }

  /** The standing offer, as a sheet of paper: what they give, and what they ask of you. */
  private drawStanding(): void {
    const p = stageContext.palette;
    const m = this.model;
    const compact = compactIn(this);
    const them = m.labels[m.opponent];
    if (m.standing) {
      const sheet = this.put(this.add.container(0, 0));
      const fresh = this.arrived;
      const mine = m.standing.by === m.side;
      const give = m.standing.chips.filter((c) => c.holder === m.standing!.by);
      const take = m.standing.chips.filter((c) => c.holder !== m.standing!.by);
      if (compact) {
        // One large line instead of the sheet: the terms are listed in the panel.
        const whose = m.deal ? 'The deal' : mine ? 'Your offer' : `${possessive(them)} offer`;
        sheet.add(text(this, STANDING.x + STANDING.w / 2, STANDING.y + STANDING.h / 2, `${whose}: its terms are listed below`, { bold: true, color: p.tableInk, originX: 0.5, originY: 0.5, align: 'center', wrap: STANDING.w - 24, maxLines: 2, keep: true }));
      }
      const colW = (STANDING.w - 30) / 2;
      const top = STANDING.y + 36;
      // Rows as tall as the (possibly enlarged) text needs; what does not fit is counted, not squeezed.
      const lineH = Math.max(stageContext.minTextSize, 14) * 1.2;
      const fit = Math.max(1, Math.floor((STANDING.h - 42) / lineH));
      const rowH = Math.min(Math.max(26, lineH), (STANDING.h - 42) / Math.max(1, Math.min(fit, Math.max(give.length, take.length))));
      const size = Math.max(14, Math.min(19, Math.floor(rowH * 0.78)));
      const clip = (chips: Chip[]): (Chip | string)[] => (chips.length <= fit ? chips : [...chips.slice(0, fit - 1), `+ ${chips.length - fit + 1} more`]);
      // Each column's heading within its column: on a small canvas (text enlarged to stay readable) the
      // long form would run into the next column, so the short one is drawn, cut with an ellipsis if need be.
      const columns: [Chip[], string, string][] = [
        [give, m.deal ? (mine ? 'The deal: you give' : 'The deal: they give') : mine ? 'Your offer: you give' : `${possessive(them)} offer: they give`, mine ? 'You give' : 'They give'],
        [take, mine ? 'and you ask' : 'and they ask of you', mine ? 'You ask' : 'They ask of you'],
      ];
      columns.forEach(([chips, heading, short], col) => {
        if (compact) return;
        const x0 = STANDING.x + 12 + col * (colW + 10);
        const long = text(this, x0, STANDING.y + 6, heading, { size: 20, bold: true, color: p.tableInk });
        if (long.width <= colW) sheet.add(long);
        else {
          long.destroy();
          sheet.add(text(this, x0, STANDING.y + 6, short, { size: 20, bold: true, color: p.tableInk, wrap: colW, fit: 1 }));
        }
        clip(chips as Chip[]).forEach((chip, i) => {
          const y = top + i * rowH;
          if (typeof chip === 'string') {
            sheet.add(figure(text(this, x0 + 22, y + rowH / 2, chip, { size, color: p.tableInk, originY: 0.5, bold: true }), 'label'));
            return;
          }
          sheet.add(categoryIcon(this, chip.category, x0 + 9, y + rowH / 2, Math.min(18, rowH - 2)) as Phaser.GameObjects.Image);
          const kind = m.chipFigures[chip.id] ?? null;
          const t = text(this, x0 + 22, y + rowH / 2, markedLabel(chip.positionLabel, kind), { size, color: p.tableInk, originY: 0.5, wrap: colW - 26, fit: 1 });
          sheet.add(kind ? figure(t, kind) : t);
        });
      });
      if (fresh && !stageContext.reducedMotion) {
        sheet.setPosition(FIGURE_X - STANDING.x - STANDING.w / 2, 134 - STANDING.y).setAlpha(0.2).setScale(0.4);
        move(this, sheet, { x: 0, y: 0, alpha: 1, scale: 1 }, 320);
      }
    }
  }

  private drawFigures(): void {
    const m = this.model;
    this.put(negotiator(this, m.opponent, FIGURE_X, 134, 0.92, m.postures[m.opponent], m.labels[m.opponent]));
    // The player's own posture is the player's to know: no badge guessing it (only the outcome's, once the talks end).
    this.put(negotiator(this, m.side, FIGURE_X, 740, 0.92, m.postures[m.side], `${m.labels[m.side]} (you)`, { highlight: true, badge: m.ended }));
  }

  private drawRound(): void {
    const m = this.model;
    const p = stageContext.palette;
    const compact = compactIn(this);
    const title = this.put(figure(text(this, RIGHT.x, 6, m.ended ? 'Talks over' : `Round ${m.round} of ${m.rounds}`, { size: 34, bold: true, keep: true, wrap: compact ? 1600 - RIGHT.x - 8 : 0 }), 'label'));
    // Compact: the large title says it all, in fewer words if it must (the panel's heading has
    // them all); the dots would run into it.
    if (compact) {
      if (!m.ended) fitFirst(title, [`Round ${m.round} of ${m.rounds}`, `${m.round} of ${m.rounds}`, `${m.round}/${m.rounds}`], 1);
      return;
    }
    const g = this.put(this.add.graphics());
    const gap = Math.min(36, (RIGHT.w - title.width - 50) / Math.max(1, m.rounds - 1));
    for (let r = 1; r <= m.rounds; r++) {
      const x = RIGHT.x + RIGHT.w - 14 - (m.rounds - r) * gap;
      const done = r < m.round || m.ended;
      const current = r === m.round && !m.ended;
      g.lineStyle(3, p.ink, 1);
      if (done) {
        g.fillStyle(p.ink, 1);
        g.fillCircle(x, 28, 11);
      } else g.strokeCircle(x, 28, current ? 14 : 10);
      if (current) {
        g.fillStyle(p.accent, 1);
        g.fillCircle(x, 28, 7);
      }
    }
    this.put(figure(text(this, RIGHT.x, 52, `Deadline: the end of round ${m.rounds}`, { size: 21, color: p.muted }), 'label'));
  }

  private drawChart(): void {
    const m = this.model;
    const p = stageContext.palette;
    const top = 96;
    // Below the plot, each as tall as drawn (enlarged to stay readable): the ticks, the axis's
    // name, the legend; the plot takes what is left above the ladder, up to its designed height.
    const legend = this.chartLegend();
    const tickH = Math.ceil(readableSize(18) * 1.2);
    const axisH = Math.ceil(readableSize(20) * 1.2);
    // Below the title and the caption (as tall as drawn), with room for the top tick's label.
    // The title names both indicators in full: on two lines when one does not hold them (long
    // names, or a canvas whose text is drawn large), the rest of the chart below it.
    const chartTitle = this.put(text(this, RIGHT.x, top, `${CANVAS_MARK.estimate} ${INDICATORS[m.chart.x].short} vs ${INDICATORS[m.chart.y].short}`, { size: 27, bold: true, wrap: RIGHT.w, fit: 2 }));
    const titleH = Math.ceil(readableSize(27) * 1.17) * Math.max(1, chartTitle.getWrappedText(chartTitle.text).length);
    const plotY = Math.max(top + 78, top + titleH + Math.ceil(readableSize(20) * 1.17) + Math.ceil(tickH / 2) + 4);
    const plotH = Math.max(120, Math.min(300, LADDER_TOP - 6 - legend.height - axisH - tickH - 10 - plotY));
    const tradeId = m.chart.x;
    const secId = m.chart.y;
    const unit = (id: IndicatorId) => (INDICATORS[id].unit === '$B/yr' ? ' ($B/yr, change)' : INDICATORS[id].unit === 'ladder' ? ' (rungs)' : '');
    // Turned along the plot's side, and no longer than it: on a short plot (a small screen, or
    // text drawn large) a long name takes two lines, and the plot moves right by one to make room.
    const yName = `↑ ${INDICATORS[secId].short}${unit(secId)}`;
    const yLabel = this.put(text(this, 0, 0, '', { size: 20, originX: 0.5, originY: 0.5, bold: true, wrap: plotH }));
    const yLines = fitText(yLabel, yName, 1) && yLabel.text === yName ? 1 : 2;
    if (yLines === 2) fitText(yLabel, yName, 2);
    const yExtra = (yLines - 1) * Math.ceil(readableSize(20) * 1.17);
    const plot = { x: RIGHT.x + 80 + yExtra, y: plotY, w: RIGHT.w - 92 - yExtra, h: plotH };
    yLabel.setPosition(RIGHT.x + 12 + yExtra / 2, plot.y + plot.h / 2);
    yLabel.setAngle(-90);
    this.put(text(this, RIGHT.x, top + Math.max(36, titleH), m.chart.caption, { size: 20, color: p.muted, wrap: RIGHT.w, fit: 1 }));
    const proj = (list: IndicatorProjection[] | null, id: IndicatorId) => list?.find((x) => x.indicator === id);
    const points: { x: number; y: number }[] = m.history.map((h) => ({ x: h[tradeId], y: h[secId] }));
    const now = { x: m.now[tradeId], y: m.now[secId] };
    points.push(now);
    const bands: { x0: number; x1: number; y0: number; y1: number; mx: number; my: number; kind: 'draft' | 'standing' }[] = [];
    for (const [list, kind] of [
      [m.projection, 'draft'],
      [m.standingProjection, 'standing'],
    ] as const) {
      if (!list || list.length === 0) continue;
      const t = proj(list, tradeId);
      const s = proj(list, secId);
      bands.push({
        x0: now.x + (t?.low ?? 0),
        x1: now.x + (t?.high ?? 0),
        y0: now.y + (s?.low ?? 0),
        y1: now.y + (s?.high ?? 0),
        mx: now.x + (t?.mean ?? 0),
        my: now.y + (s?.mean ?? 0),
        kind,
      });
    }
    const xs = [...points.map((q) => q.x), ...bands.flatMap((b) => [b.x0, b.x1])];
    const ys = [...points.map((q) => q.y), ...bands.flatMap((b) => [b.y0, b.y1])];
    const xt = niceTicks(Math.min(...xs) - 5, Math.max(...xs) + 5, 4);
    const yt = niceTicks(Math.max(INDICATORS[secId].min, Math.min(...ys) - 4), Math.min(INDICATORS[secId].max, Math.max(...ys) + 4), 4);
    const [xMin, xMax] = [xt[0]!, xt[xt.length - 1]!];
    const [yMin, yMax] = [yt[0]!, yt[yt.length - 1]!];
    const X = (v: number) => plot.x + ((v - xMin) / (xMax - xMin || 1)) * plot.w;
    const Y = (v: number) => plot.y + plot.h - ((v - yMin) / (yMax - yMin || 1)) * plot.h;
    const g = this.put(this.add.graphics());
    g.fillStyle(p.surface, 1);
    g.fillRect(plot.x, plot.y, plot.w, plot.h);
    g.lineStyle(1, p.line, 1);
    xt.forEach((vx, i) => {
      g.lineBetween(X(vx), plot.y, X(vx), plot.y + plot.h);
      // The first from the corner on: the y axis's lowest label ends just left of it.
      this.put(figure(text(this, X(vx), plot.y + plot.h + 6, fmt(vx, 0), { size: 18, originX: i === 0 ? 0 : 0.5, color: p.muted }), 'estimate'));
    });
    for (const vy of yt) {
      g.lineBetween(plot.x, Y(vy), plot.x + plot.w, Y(vy));
      this.put(figure(text(this, plot.x - 8, Y(vy), fmt(vy, 0), { size: 18, originX: 1, originY: 0.5, color: p.muted }), 'estimate'));
    }
    if (xMin < 0 && xMax > 0) {
      g.lineStyle(2, p.muted, 1);
      g.lineBetween(X(0), plot.y, X(0), plot.y + plot.h);
    }
    g.lineStyle(2, p.ink, 1);
    g.strokeRect(plot.x, plot.y, plot.w, plot.h);
    const xLabel = this.put(text(this, plot.x + plot.w / 2, plot.y + plot.h + 6 + tickH, '', { size: 20, originX: 0.5, bold: true, wrap: RIGHT.w }));
    fitText(xLabel, `${INDICATORS[tradeId].short}${unit(tradeId)} →`, 1);
    xLabel.setX(Math.min(xLabel.x, RIGHT.x + RIGHT.w - xLabel.width / 2));
    // The path so far: small squares joined by a line.
    g.lineStyle(2, p.muted, 1);
    for (let i = 1; i < points.length; i++) g.lineBetween(X(points[i - 1]!.x), Y(points[i - 1]!.y), X(points[i]!.x), Y(points[i]!.y));
    g.fillStyle(p.muted, 1);
    for (const q of points.slice(0, -1)) g.fillRect(X(q.x) - 4, Y(q.y) - 4, 8, 8);
    for (const b of bands) {
      const color = b.kind === 'draft' ? p.accent : p.bad;
      const bx = X(b.x0);
      const by = Y(b.y1);
      const bw = Math.max(4, X(b.x1) - X(b.x0));
      const bh = Math.max(4, Y(b.y0) - Y(b.y1));
      g.fillStyle(color, 0.14);
      g.fillRect(bx, by, bw, bh);
      g.lineStyle(2, color, 1);
      g.strokeRect(bx, by, bw, bh);
      const cx = X(b.mx);
      const cy = Y(b.my);
      g.lineStyle(3, color, 1);
      g.lineBetween(X(now.x), Y(now.y), cx, cy);
      marker(g, b.kind === 'draft' ? 'diamond' : 'triangle', cx, cy, 13, color, p.surface);
    }
    g.fillStyle(p.ink, 1);
    g.fillCircle(X(now.x), Y(now.y), 11);
    legend.place(plot.y + plot.h + 6 + tickH + axisH + 4);
  }

  /**
   * The chart's legend: shapes as well as colours, and what the marks mean. Its texts are made
   * first, so the chart can leave room for as many lines as they take (enlarged text wraps); it is
   * drawn where `place` puts it. Compact: nothing (the panel's words explain the chart).
   */
  private chartLegend(): { height: number; place(y: number): void } {
    if (compactIn(this)) return { height: 0, place: () => undefined };
    const m = this.model;
    const p = stageContext.palette;
    const chips = [...m.offers, ...m.asks].flatMap((g) => g.chips).concat(m.standing?.chips ?? []);
    const sourced = chips.some((c) => m.chipFigures[c.id] === 'source');
    const entries: { label: string; draw: (g: Phaser.GameObjects.Graphics, x: number, y: number) => void }[] = [
      {
        label: 'now',
        draw: (g, x, y) => {
          g.fillStyle(p.ink, 1);
          g.fillCircle(x, y, 9);
        },
      },
      ...(m.deal ? [] : [{ label: 'your package', draw: (g: Phaser.GameObjects.Graphics, x: number, y: number) => marker(g, 'diamond', x, y, 10, p.accent, p.surface) }]),
      { label: m.deal ? 'the deal' : 'theirs', draw: (g, x, y) => marker(g, 'triangle', x, y, 10, p.bad, p.surface) },
      {
        label: '10–90%',
        draw: (g, x, y) => {
          g.lineStyle(2, p.muted, 1);
          g.strokeRect(x - 12, y - 9, 24, 18);
        },
      },
      // What the marks mean: every number in this column is the model's; the chips' figures come from sources.
      { label: CANVAS_LEGEND.estimate, draw: () => undefined },
      ...(sourced ? [{ label: CANVAS_LEGEND.source, draw: () => undefined }] : []),
    ];
    // Each entry after the one before, on a new line when it would not fit.
    let lx = RIGHT.x;
    let row = 0;
    const placed = entries.map((e) => {
      const t = figure(text(this, 0, 0, e.label, { size: 19 }), 'label');
      if (lx + 24 + t.width > RIGHT.x + RIGHT.w && lx > RIGHT.x) {
        lx = RIGHT.x;
        row += t.height + 2;
      }
      const at = { e, t, x: lx, dy: row };
      lx += 24 + t.width + 10;
      return at;
    });
    const height = placed.length ? placed[placed.length - 1]!.dy + placed[placed.length - 1]!.t.height : 0;
    return {
      height,
      place: (y) => {
        const lg = this.put(this.add.graphics());
        for (const { e, t, x, dy } of placed) {
          this.put(t).setPosition(x + 24, y + dy);
          e.draw(lg, x + 10, y + dy + t.height / 2);
        }
      },
    };
  }

  private drawLadder(): void {
    const m = this.model;
    const p = stageContext.palette;
    const top = LADDER_TOP;
    const x0 = RIGHT.x + 12;
    const w = RIGHT.w - 30;
    const step = w / 10;
    const tension = m.now.tension;
    const proj = m.projection?.find((x) => x.indicator === 'tension');
    if (compactIn(this)) {
      const label = this.put(figure(text(this, RIGHT.x, top + 32, '', { bold: true, keep: true, originY: 1, wrap: 1600 - RIGHT.x - 8 }), 'estimate'));
      fitFirst(label, [`${CANVAS_MARK.estimate} Tension ${fmt(tension)}`, `${CANVAS_MARK.estimate} ${fmt(tension)}`], 1);
    }
    else this.put(figure(text(this, RIGHT.x, top, `${CANVAS_MARK.estimate} Tension ladder: ${fmt(tension)} of 10`, { size: 24, bold: true }), 'estimate'));
    const g = this.put(this.add.graphics());
    const y = this.ladderRows().y;
    for (let r = 0; r <= 10; r++) {
      const x = x0 + r * step;
      g.lineStyle(r % 5 === 0 ? 4 : 2, p.ink, 1);
      g.lineBetween(x, y - 12, x, y + 12);
    }
    g.lineStyle(3, p.ink, 1);
    g.lineBetween(x0, y - 12, x0 + w, y - 12);
    g.lineBetween(x0, y + 12, x0 + w, y + 12);
    g.fillStyle(p.ink, 1);
    const tx = x0 + tension * step;
    g.fillTriangle(tx, y - 15, tx - 12, y - 35, tx + 12, y - 35);
    if (proj && Math.abs(proj.mean) > 1e-9) {
      const px = x0 + Math.min(10, Math.max(0, tension + proj.mean)) * step;
      marker(g, 'diamond', px, y + 28, 11, p.accent, p.surface);
      this.put(figure(text(this, Math.min(Math.max(px, x0 + 90), x0 + w - 90), y + 38, `${CANVAS_MARK.estimate} package: ${signed(proj.mean)}`, { size: 18, originX: 0.5 }), 'estimate'));
    } else {
      this.put(text(this, x0, y + 18, 'détente', { size: 18, color: p.muted }));
      this.put(text(this, x0 + w, y + 18, 'economic war', { size: 18, color: p.muted, originX: 1 }));
    }
  }

  /**
   * The ladder's line, below its title, and how far down its words reach, each as tall as drawn
   * (enlarged to stay readable): the other indicators start below.
   */
  private ladderRows(): { y: number; bottom: number } {
    const titleH = compactIn(this) ? 0 : Math.ceil(readableSize(24) * 1.17);
    const y = LADDER_TOP + Math.max(66, titleH + 38);
    return { y, bottom: y + 38 + Math.ceil(readableSize(18) * 1.17) };
  }

  private drawBars(): void {
    // Compact: unlabelled bars would say nothing; the panel's table of indicators says it all.
    // The legend of the tension's mark takes their place.
    if (compactIn(this)) {
      this.put(text(this, RIGHT.x, 740, CANVAS_LEGEND.estimate, { wrap: RIGHT.w, color: stageContext.palette.muted, keep: true }));
      return;
    }
    const m = this.model;
    const p = stageContext.palette;
    const all = (Object.keys(INDICATORS) as IndicatorId[]).filter((id) => id !== m.chart.x && id !== m.chart.y && id !== 'tension');
    const shown = m.projection ?? m.standingProjection;
    const then = m.deal ? 'the deal' : m.projection ? 'your package' : m.standingProjection ? 'their offer' : 'a package';
    // To the canvas's edge; in fewer words if the text is drawn too large for the full heading.
    const heading = this.put(text(this, RIGHT.x, Math.max(736, this.ladderRows().bottom + 4), '', { size: 22, bold: true, wrap: 1600 - RIGHT.x - 8, fit: 1 }));
    fitFirst(heading, [`${CANVAS_MARK.estimate} Other indicators: now → ${then}`, `${CANVAS_MARK.estimate} Others: now → ${then}`], 1);
    // Rows as tall as their words are drawn (less a sliver of the text's padding); those that do
    // not fit are counted on the last row, the ones in the player's score kept (the panel lists all).
    const top = heading.y + heading.height + 2;
    const rowH = Math.max((998 - top) / all.length, Math.ceil(readableSize(19) * 1.17) - 2);
    const fits = Math.max(1, Math.floor((998 - top) / rowH));
    const ids = fits >= all.length ? all : [...all.filter((id) => (m.weights[id] ?? 0) !== 0), ...all.filter((id) => (m.weights[id] ?? 0) === 0)].slice(0, fits - 1);
    if (ids.length < all.length) this.put(figure(text(this, RIGHT.x, top + ids.length * rowH, `+ ${all.length - ids.length} more`, { size: 19, color: p.muted }), 'label'));
    const g = this.put(this.add.graphics());
    const barMid = RIGHT.x + 468;
    const half = 38;
    g.lineStyle(2, p.muted, 1);
    g.lineBetween(barMid, top, barMid, top + rowH * ids.length);
    ids.forEach((id, i) => {
      const def = INDICATORS[id];
      const y = top + i * rowH;
      const weight = m.weights[id] ?? 0;
      const mark = weight !== 0 ? (weight > 0 ? '★▲ ' : '★▼ ') : '';
      // Columns: label (shortened to its room, which enlarged text may need), now, change, bar.
      this.put(text(this, RIGHT.x, y, `${mark}${def.short}`, { size: 19, bold: weight !== 0, wrap: 248, fit: 1 }));
      this.put(figure(text(this, RIGHT.x + 330, y, fmt(m.now[id]), { size: 19, color: p.muted, originX: 1 }), 'estimate'));
      const pr = shown?.find((x) => x.indicator === id);
      if (!pr) return;
      this.put(figure(text(this, RIGHT.x + 420, y, signed(pr.mean), { size: 19, bold: true, originX: 1 }), 'estimate'));
      const range = def.max - def.min;
      const sx = (v: number) => barMid + Math.max(-1, Math.min(1, (v / range) * 5)) * half;
      g.fillStyle(p.ink, 1);
      const x0 = Math.min(sx(0), sx(pr.mean));
      g.fillRect(x0, y + 5, Math.max(3, Math.abs(sx(pr.mean) - sx(0))), rowH - 12);
      g.lineStyle(2, m.projection ? p.accent : p.bad, 1);
      g.lineBetween(sx(pr.low), y + rowH / 2 - 1, sx(pr.high), y + rowH / 2 - 1);
      g.lineBetween(sx(pr.low), y + 3, sx(pr.low), y + rowH - 5);
      g.lineBetween(sx(pr.high), y + 3, sx(pr.high), y + rowH - 5);
    });
  }

  /**
   * A chip as drawn: a card with its category's colour stripe, the category's icon on it, and its
   * position's label; drawn to its slot's size by `shapeChip`.
   */
  private chipCard(chip: Chip): Phaser.GameObjects.Container {
    const c = this.add.container(0, 0);
    c.add(this.add.graphics().setName('chip-bg'));
    c.add((categoryIcon(this, chip.category, 0, 0, 30) as Phaser.GameObjects.Image).setName('chip-icon'));
    const label = text(this, 0, 0, '', { size: 17, originY: 0.5 });
    label.setName('chip-label');
    c.add(label);
    // The designed size until `shapeChip` fits it to its slot (the hit area needs one now).
    c.setSize(TOKEN.w, TOKEN.h);
    return c;
  }

  /** How the chips are laid out now: roomy enough for their labels, or (compact) as icons. */
  private chipMode(): ChipMode {
    if (compactIn(this)) return { labels: false };
    const m = this.model;
    const chips = new Map([...m.offers, ...m.asks].flatMap((g) => g.chips).map((c) => [c.id, c]));
    const label = (id: string) => {
      const chip = chips.get(id);
      return chip ? markedLabel(chip.positionLabel, m.chipFigures[id] ?? null) : '';
    };
    const heading = measurer(readableSize(18), 'bold');
    const headingFits = (category: IssueCategory, width: number) => heading(SHORT_CATEGORY[category]) <= Math.max(40, width - 30);
    return { labels: true, lineH: this.chipLineHeight(), label, measure: measurer(readableSize(17)), headingFits };
  }

  /** A line of a chip's label as drawn: the least readable size for its designed 17 units. */
  private chipLineHeight(): number {
    return Math.ceil(readableSize(17) * 1.2);
  }

  /**
   * Draw a chip to its slot's size: the card, the icon on its stripe (compact: the icon fills the
   * chip, which has no words), and its label in as many lines as the chip holds, at the least
   * readable size, shortened at a word's end with an ellipsis when it must be (its tip and the
   * panel's chip button carry the full text).
   */
  private shapeChip(container: Phaser.GameObjects.Container, chip: Chip, w: number, h: number): void {
    const compact = compactIn(this);
    const size = readableSize(17);
    const key = `${Math.round(w * 10)}|${Math.round(h * 10)}|${size}|${compact}|${this.model.chipFigures[chip.id] ?? ''}`;
    if (container.getData('shape') === key) return;
    container.setData('shape', key);
    const p = stageContext.palette;
    const bg = container.getByName('chip-bg') as Phaser.GameObjects.Graphics;
    bg.clear();
    bg.fillStyle(p.surface, 1);
    bg.fillRoundedRect(-w / 2, -h / 2, w, h, 10);
    bg.fillStyle(p.category[chip.category], 1);
    bg.fillRoundedRect(-w / 2, -h / 2, CHIP.stripe, h, { tl: 10, bl: 10, tr: 0, br: 0 });
    bg.lineStyle(2, p.ink, 1);
    bg.strokeRoundedRect(-w / 2, -h / 2, w, h, 10);
    const icon = container.getByName('chip-icon') as Phaser.GameObjects.Image;
    // On a light disc, so that the icon shows on any category's colour.
    const iconSize = compact ? Math.min(h * 0.8, w * 0.4, 60) : Math.min(CHIP.stripe - 6, h - 8);
    icon.setPosition(compact ? 6 : -w / 2 + CHIP.stripe / 2, compact ? 0 : -h / 2 + 4 + iconSize / 2);
    if (icon.setDisplaySize) icon.setDisplaySize(iconSize, iconSize);
    const label = container.getByName('chip-label') as Phaser.GameObjects.Text;
    label.setFontSize(size).setPosition(-w / 2 + CHIP.inset, 0);
    const room = labelRoom(w, h, this.chipLineHeight());
    label.setData('fits', this.chipText(label, chip, room.width, room.lines));
    container.setSize(w, h);
    // Compact, or text too large for even one of its words: the chip shows its category's icon,
    // and its words are in its tip and on the panel's chip button.
    label.setVisible(!compact && label.getData('fits') !== false);
  }

  /**
   * A chip's label set in `lines` lines of `width`, with the mark of its figure (a source's, or the
   * model's) in front; false if no word fits.
   */
  private chipText(t: Phaser.GameObjects.Text, chip: Chip, width: number, lines: number): boolean {
    const kind = this.model.chipFigures[chip.id] ?? null;
    const full = markedLabel(chip.positionLabel, kind);
    t.setData('full', full);
    const measure = measurer(readableSize(17));
    let set = wrapLabel(full, width, lines, measure);
    // Cut short, labels that begin alike all read "Buy…": the short label's distinctive words first tell them apart.
    if (chip.positionShort && !set.whole) set = wrapLabel(markedLabel(chip.positionShort, kind), width, lines, measure);
    t.setText(set.lines.join('\n'));
    if (kind) figure(t, kind);
    return set.lines.length > 0;
  }

  private tip: Phaser.GameObjects.Text | null = null;

  private showTip(container: Phaser.GameObjects.Container, chip: Chip): void {
    this.hideTip();
    const p = stageContext.palette;
    const kind = this.model.chipFigures[chip.id] ?? null;
    const tip = text(this, 0, 0, `${markedLabel(chip.positionLabel, kind)} (${chip.issueLabel})`, { size: 19, color: p.surface, wrap: compactIn(this) ? 1200 : 520, keep: true });
    if (kind) figure(tip, kind);
    tip.setBackgroundColor(css(p.ink)).setPadding(10, 6, 10, 6).setDepth(1000);
    const half = (container.height * container.scale) / 2;
    const x = Math.min(Math.max(8, container.x - tip.width / 2), 1600 - tip.width - 8);
    const below = container.y + half + 6;
    tip.setPosition(x, below + tip.height < 1000 ? below : container.y - half - 6 - tip.height);
    this.tip = tip;
  }

  private hideTip(): void {
    this.tip?.destroy();
    this.tip = null;
  }

  private syncTokens(): void {
    const m = this.model;
    const all = [...m.offers, ...m.asks].flatMap((g) => g.chips);
    const ids = new Set(all.map((c) => c.id));
    // The chips are drawn for the layout (compact or not): a change of layout rebuilds them.
    const layoutChanged = this.tokensCompact !== compactIn(this);
    this.tokensCompact = compactIn(this);
    for (const [id, token] of this.tokens) {
      if (!ids.has(id) || this.highContrastChanged || layoutChanged) {
        token.container.destroy();
        this.tokens.delete(id);
      }
    }
    this.highContrastChanged = false;
    for (const chip of all) {
      if (this.tokens.has(chip.id)) {
        this.tokens.get(chip.id)!.chip = chip;
        continue;
      }
      const container = this.chipCard(chip);
      container.setInteractive({ draggable: true, useHandCursor: true });
      // A shortened label shows its full text while the pointer is on the chip.
      container.on(Phaser.Input.Events.GAMEOBJECT_POINTER_OVER, () => this.showTip(container, chip));
      container.on(Phaser.Input.Events.GAMEOBJECT_POINTER_OUT, () => this.hideTip());
      container.on(Phaser.Input.Events.GAMEOBJECT_DRAG_START, () => this.hideTip());
      container.on(Phaser.Input.Events.GAMEOBJECT_POINTER_UP, () => {
        const token = this.tokens.get(chip.id);
        if (!token) return;
        if (token.dragged) {
          token.dragged = false;
          return;
        }
        if (this.model.yourTurn) stageContext.setChip(token.chip.issue, token.chip.position, !token.inPackage);
      });
      this.tokenLayer.add(container);
      this.tokens.set(chip.id, { chip, container, inPackage: false, dragged: false });
    }
    this.placeTokens();
    // Category headings over each tray column (redrawn only when the trays' columns change).
    const columns = (groups: ChipGroup[]) => groups.map((g) => [g.category, g.chips.length]);
    this.part('headings', [columns(m.asks), columns(m.offers)], () => {
      const trays = this.trayAreas();
      for (const [groups, area] of [
        [m.asks, trays.opp],
        [m.offers, trays.own],
      ] as const) {
        const layout = layoutTray(groups as ChipGroup[], area, trays.headerH, this.chipMode());
        for (const header of layout.headers) {
          this.put(categoryIcon(this, header.category, header.x + 11, header.y + 11, 22) as Phaser.GameObjects.Image);
          // Within its group's columns: shortened (the icon and the panel's headings say the rest)
          // rather than over the next group's heading, however large the text is drawn.
          const heading = text(this, header.x + 28, header.y, SHORT_CATEGORY[header.category], { size: 18, bold: true, color: stageContext.palette.muted, wrap: Math.max(40, header.w - 30), fit: 1 });
          this.put(heading).setName('tray-heading');
        }
      }
    });
  }

  /**
   * The trays' chip areas: below the tray's label, with room at the top of each column for its
   * group's heading, both as tall as they are drawn (enlarged to stay readable). Compact, neither
   * is drawn but the headings' icons.
   */
  private trayAreas(): { own: Rect; opp: Rect; headerH: number } {
    const compact = compactIn(this);
    const label = compact ? TRAY_LABEL : Math.max(TRAY_LABEL, Math.ceil(readableSize(21) * 1.25));
    const headerH = compact ? 28 : Math.max(28, Math.ceil(readableSize(18) * 1.25) + 2);
    return {
      own: { ...OWN_TRAY, y: OWN_TRAY.y + label, h: OWN_TRAY.h - label },
      opp: { ...OPP_TRAY, y: OPP_TRAY.y + label, h: OPP_TRAY.h - label },
      headerH,
    };
  }

  private highContrastChanged = false;
  private tokensCompact = false;

  /** The palette changed: chips are rebuilt with the new colours. */
  refreshLook(): void {
    this.highContrastChanged = true;
    this.redraw();
  }

  /** Move every chip to its place: in a zone if it is in the package, else in its tray. */
  private placeTokens(): void {
    const m = this.model;
    const draft = m.draft;
    const trays = this.trayAreas();
    const mode = this.chipMode();
    const trayOwn = layoutTray(m.offers, trays.own, trays.headerH, mode);
    const trayOpp = layoutTray(m.asks, trays.opp, trays.headerH, mode);
    const inPkg = (c: Chip) => draft[c.issue] === c.position;
    const offerIds = m.offers.flatMap((g) => g.chips).filter(inPkg).map((c) => c.id);
    const askIds = m.asks.flatMap((g) => g.chips).filter(inPkg).map((c) => c.id);
    // Below the zone's title, as tall as it is drawn (compact: the title is hidden under the chips).
    const top = compactIn(this) ? 34 : Math.max(34, 6 + Math.ceil(readableSize(21) * 1.17));
    const zoneOffer = layoutZone(offerIds, OFFER, top, mode);
    const zoneAsk = layoutZone(askIds, ASK, top, mode);
    this.slots = new Map();
    for (const token of this.tokens.values()) {
      const chip = token.chip;
      token.inPackage = inPkg(chip);
      const slot = (token.inPackage ? (chip.role === 'offer' ? zoneOffer : zoneAsk) : chip.role === 'offer' ? trayOwn.slots : trayOpp.slots).get(chip.id);
      if (!slot) {
        token.container.setVisible(false);
        continue;
      }
      this.slots.set(chip.id, slot);
      this.shapeChip(token.container, chip, slot.w, slot.h);
      token.container.setVisible(true);
      token.container.setAlpha(m.yourTurn ? 1 : 0.55);
      if (this.input.enabled && token.container.input) token.container.input.enabled = m.yourTurn;
      const c = token.container;
      // The hit area follows the chip's size (set once, when the chip is made interactive).
      if (c.input) (c.input.hitArea as Phaser.Geom.Rectangle).setTo(0, 0, slot.w, slot.h);
      if (c.x === 0 && c.y === 0) c.setPosition(slot.x, slot.y).setScale(1);
      // A chip already in its place stays still: a tween would keep the loop drawing for nothing.
      else if (this.tweens.isTweening(c) || Math.abs(c.x - slot.x) > 0.5 || Math.abs(c.y - slot.y) > 0.5 || Math.abs(c.scale - 1) > 1e-3)
        move(this, c, { x: slot.x, y: slot.y, scale: 1 }, 240);
    }
  }
}
