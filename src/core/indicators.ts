import { ModelError } from './errors';
import { INDICATOR_IDS, type IndicatorId, type Indicators, type Scenario, type Side } from './types';

export interface IndicatorDefinition {
  id: IndicatorId;
  /** Whose indicator it is; `shared` for the tension ladder. */
  side: Side | 'shared';
  label: string;
  /** A shorter label for charts and tight panels. */
  short: string;
  unit: string;
  min: number;
  max: number;
  /** The value at the start of a scenario that does not say otherwise. */
  initial: number;
  /** What the number means, in one line for tooltips and the briefing. */
  meaning: string;
  /** Whether more is better for the side that owns it (tension: for nobody). */
  higherIsBetter: boolean;
}

/**
 * The model's indicators. Trade gains are rates relative to the scenario's starting point; the
 * indices run 0..100; tension is a rung on an escalation ladder 0..10.
 */
export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = {
  'us.tradeGains': {
    id: 'us.tradeGains',
    side: 'us',
    label: 'US trade gains',
    short: 'US trade',
    unit: '$B/yr',
    min: -250,
    max: 250,
    initial: 0,
    meaning: 'Yearly gains to the US economy from purchases, tariff relief, firm revenues and market access, against the start of the scenario.',
    higherIsBetter: true,
  },
  'us.securityCost': {
    id: 'us.securityCost',
    side: 'us',
    label: 'US security cost',
    short: 'Security cost',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 30,
    meaning: 'How much military-relevant compute and tooling reaches the adversary, and how much alliance cohesion suffers.',
    higherIsBetter: false,
  },
  'us.supplySecurity': {
    id: 'us.supplySecurity',
    side: 'us',
    label: 'US rare-earth supply security',
    short: 'Supply security',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 50,
    meaning: 'How secure US access is to rare earths, magnets and critical minerals.',
    higherIsBetter: true,
  },
  'us.controlCredibility': {
    id: 'us.controlCredibility',
    side: 'us',
    label: 'Credibility of US export controls',
    short: 'Control credibility',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 70,
    meaning: 'Whether others believe US export controls are security measures rather than chips to be traded.',
    higherIsBetter: true,
  },
  'us.domesticSupport': {
    id: 'us.domesticSupport',
    side: 'us',
    label: 'US domestic support',
    short: 'US support',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 55,
    meaning: 'Support at home (Congress, industry, farmers) for the negotiating line; it sets what the US side can ratify.',
    higherIsBetter: true,
  },
  'china.tradeGains': {
    id: 'china.tradeGains',
    side: 'china',
    label: 'China trade gains',
    short: 'China trade',
    unit: '$B/yr',
    min: -250,
    max: 250,
    initial: 0,
    meaning: "Yearly gains to China's economy from tariff relief, exports and market access, against the start of the scenario.",
    higherIsBetter: true,
  },
  'china.selfReliance': {
    id: 'china.selfReliance',
    side: 'china',
    label: 'China tech self-reliance',
    short: 'Self-reliance',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 40,
    meaning: "China's drive and capacity to make advanced technology at home; sanctions and controls speed it up.",
    higherIsBetter: true,
  },
  'china.chipAccess': {
    id: 'china.chipAccess',
    side: 'china',
    label: 'China access to advanced chips',
    short: 'Chip access',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 30,
    meaning: 'How freely Chinese firms can buy advanced chips, tools and software from abroad.',
    higherIsBetter: true,
  },
  'china.rareEarthLeverage': {
    id: 'china.rareEarthLeverage',
    side: 'china',
    label: "China's rare-earth leverage",
    short: 'RE leverage',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 60,
    meaning: "How much China's hold on rare earths and critical minerals can still move the other side; it wears out with use.",
    higherIsBetter: true,
  },
  'china.domesticSupport': {
    id: 'china.domesticSupport',
    side: 'china',
    label: 'China domestic support',
    short: 'China support',
    unit: 'index',
    min: 0,
    max: 100,
    initial: 60,
    meaning: 'Backing within the leadership and from industry for the negotiating line; it sets what the Chinese side can accept.',
    higherIsBetter: true,
  },
  tension: {
    id: 'tension',
    side: 'shared',
    label: 'Tension',
    short: 'Tension',
    unit: 'ladder',
    min: 0,
    max: 10,
    initial: 4,
    meaning: 'The escalation ladder: 0 is détente, 10 is an open economic war.',
    higherIsBetter: false,
  },
};

/** Indicators in the order the UI and exports list them. */
export const INDICATOR_LIST: IndicatorDefinition[] = INDICATOR_IDS.map((id) => INDICATORS[id]);

export function isIndicatorId(value: string): value is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(value);
}

export function indicatorRange(id: IndicatorId): number {
  const def = INDICATORS[id];
  return def.max - def.min;
}

/** The value kept within the indicator's range. Throws ModelError for anything but a finite number. */
export function clampIndicator(id: IndicatorId, value: number): number {
  if (!Number.isFinite(value)) throw new ModelError(`the model computed ${String(value)} for ${id}`);
  const def = INDICATORS[id];
  return Math.min(def.max, Math.max(def.min, value));
}

export function initialIndicators(scenario: Scenario): Indicators {
  const values = {} as Indicators;
  for (const id of INDICATOR_IDS) {
    values[id] = clampIndicator(id, scenario.indicators?.[id]?.initial ?? INDICATORS[id].initial);
  }
  return values;
}

export function domesticSupportOf(side: Side): IndicatorId {
  return side === 'us' ? 'us.domesticSupport' : 'china.domesticSupport';
}
