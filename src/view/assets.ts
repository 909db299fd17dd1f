import type { IssueCategory, Side } from '../core/types';
import accessIcon from '../../assets/icons/access.svg?url';
import economicIcon from '../../assets/icons/economic.svg?url';
import resourceIcon from '../../assets/icons/strategic-resource.svg?url';
import securityIcon from '../../assets/icons/security-control.svg?url';
import unrelatedIcon from '../../assets/icons/unrelated-priority.svg?url';
import chinaFlag from '../../assets/flags/china.svg?url';
import usFlag from '../../assets/flags/us.svg?url';
import figureA from '../../assets/figures/negotiator-a.svg?url';
import figureB from '../../assets/figures/negotiator-b.svg?url';

/** The project's own art (assets/): URLs for the DOM, texture keys for the canvas. */
export const ICONS: Record<IssueCategory, string> = {
  'security-control': securityIcon,
  economic: economicIcon,
  'strategic-resource': resourceIcon,
  access: accessIcon,
  'unrelated-priority': unrelatedIcon,
};

export const FLAGS: Record<Side, string> = { us: usFlag, china: chinaFlag };

export interface SvgAsset {
  key: string;
  url: string;
  width: number;
  height: number;
}

export const SVG_ASSETS: SvgAsset[] = [
  ...(Object.entries(ICONS) as [IssueCategory, string][]).map(([category, url]) => ({ key: `icon-${category}`, url, width: 48, height: 48 })),
  { key: 'flag-us', url: usFlag, width: 190, height: 100 },
  { key: 'flag-china', url: chinaFlag, width: 150, height: 100 },
  { key: 'figure-us', url: figureA, width: 200, height: 240 },
  { key: 'figure-china', url: figureB, width: 200, height: 240 },
];
