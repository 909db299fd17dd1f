import type { IssueCategory } from '../core/types';

/** Colours the canvas draws with: the Okabe–Ito palette, and a high-contrast variant. */
export interface Palette {
  bg: number;
  ink: number;
  muted: number;
  line: number;
  surface: number;
  surface2: number;
  table: number;
  tableEdge: number;
  tableInk: number;
  zone: number;
  accent: number;
  good: number;
  bad: number;
  trade: number;
  security: number;
  category: Record<IssueCategory, number>;
  us: number;
  china: number;
}

export const NORMAL: Palette = {
  bg: 0xf4f2ec,
  ink: 0x1b2230,
  muted: 0x5b6578,
  line: 0xb9b2a3,
  surface: 0xffffff,
  surface2: 0xebe7dd,
  table: 0x31566b,
  tableEdge: 0x203a49,
  tableInk: 0xf4f2ec,
  zone: 0x3f6a80,
  accent: 0x0a5394,
  good: 0x009e73,
  bad: 0xd55e00,
  trade: 0xe69f00,
  security: 0x0072b2,
  category: {
    'security-control': 0x0072b2,
    economic: 0xe69f00,
    'strategic-resource': 0x009e73,
    access: 0xcc79a7,
    'unrelated-priority': 0x6b6b6b,
  },
  us: 0x3c3b6e,
  china: 0xde2910,
};

export const HIGH_CONTRAST: Palette = {
  bg: 0x000000,
  ink: 0xffffff,
  muted: 0xf0f0f0,
  line: 0xffffff,
  surface: 0x000000,
  surface2: 0x1a1a1a,
  table: 0x000000,
  tableEdge: 0xffffff,
  tableInk: 0xffffff,
  zone: 0x1a1a1a,
  accent: 0xffff00,
  good: 0x7dffb3,
  bad: 0xffb27a,
  trade: 0xffff00,
  security: 0x00ffff,
  category: {
    'security-control': 0x00ffff,
    economic: 0xffff00,
    'strategic-resource': 0x7dffb3,
    access: 0xff9ff3,
    'unrelated-priority': 0xffffff,
  },
  us: 0xffffff,
  china: 0xffff00,
};

export const css = (color: number): string => `#${color.toString(16).padStart(6, '0')}`;

export const FONT = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
