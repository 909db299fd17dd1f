import { describe, expect, it } from 'vitest';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import { applyMove, defaultOptions, newGame } from '../../src/core/engine';
import { INDICATORS } from '../../src/core/indicators';
import { randomMove } from '../../src/negotiators/game/random-player';
import { outcomeSpread, readOutcome, seedRange } from '../../src/core/fidelity';
import { decisionBranch, historicalOptions, historicalSpec, replayHistory, replaySpec } from '../../src/core/history';
import { INDICATOR_IDS, LESSON_IDS, SIDES, type Scenario } from '../../src/core/types';

/**
 * Every shipped scenario with a history section: its path is a legal game, the reference seed
 * reproduces every real number within its band, over seeds 1 to 200 each real number lies between
 * the model's 10th and 90th percentiles, every source resolves, every figure shown carries a
 * source, and nothing the dossier marks UNVERIFIED is stated as fact.
 */
const historical = loadAllShippedScenarios().filter((s) => s.history);
const byId = (id: string) => historical.find((s) => s.id === id)!;

/** The episodes issue 5 asks for, each in its own file. */
const EPISODES = ['zte-2018', 'huawei-osaka-2019', 'phase-one-2020', 'tiktok-2020', 'meng-glasgow-2021', 'chips-minerals-2022', 'geneva-london-2025', 'busan-2025', 'beijing-2026'];

type Node = Record<string, unknown>;
/** Keys whose text a player or a class sees. */
const DISPLAY_KEYS = new Set(['title', 'summary', 'description', 'label', 'text', 'account', 'note', 'question', 'history', 'why', 'whatIf']);
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every string in the scenario with the chain of objects that contain it (outermost first) and its key. */
function* strings(value: unknown, chain: Node[] = [], key = ''): Generator<{ text: string; chain: Node[]; key: string }> {
  if (typeof value === 'string') yield { text: value, chain, key };
  else if (Array.isArray(value)) for (const v of value) yield* strings(v, chain, key);
  else if (isNode(value)) for (const [k, v] of Object.entries(value)) yield* strings(v, [...chain, value], k);
}

describe.each(historical.map((s) => [s.id, s] as const))('%s', (_id, scenario: Scenario) => {
  const history = scenario.history!;

  it('has a historical path that is a legal game and ends the talks', () => {
    let state = newGame(scenario, history.seed, historicalOptions(scenario));
    for (const step of history.path) state = applyMove(scenario, state, step.move).state;
    expect(state.phase).toBe('ended');
    expect(state.round).toBe(scenario.horizon);
  });

  it('lands every metric in its band under the reference seed', () => {
    const results = readOutcome(scenario, historicalSpec(scenario));
    for (const r of results) expect(r, `${r.metric}: expected ${r.expected} in [${r.band}], got ${r.got}`).toMatchObject({ ok: true });
  });

  it('puts every real value between the 10th and 90th percentiles over seeds 1 to 200', () => {
    for (const m of outcomeSpread(scenario, seedRange(1, 200))) {
      expect(m.within, `${m.metric}: ${m.expected} outside [${m.p10}, ${m.p90}]`).toBe(true);
    }
  });

  it('resolves every source id it uses', () => {
    const ids = new Set(scenario.sources.map((s) => s.id));
    const used: string[] = [...(scenario.descriptionSources ?? [])];
    for (const { text, key } of strings(scenario)) if (key === 'source') used.push(text);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(ids.has(id), `unknown source "${id}"`).toBe(true);
    for (const s of scenario.sources) expect(s.url ?? s.publisher, `source ${s.id} says where it is from`).toBeTruthy();
  });

  it('carries a source for every figure it shows', () => {
    // A shown text with a digit states a figure (a date, an amount, a rate): the object it belongs
    // to, or one that contains it, must cite a source. The briefing texts (title, summary,
    // description, the sides' descriptions, the what-if note) cite descriptionSources. The
    // calibration note describes the model, not the world, and source titles are the sources.
    const root = scenario as unknown as Node;
    const sourceEntries = new Set<unknown>(scenario.sources);
    const briefing = new Set<unknown>([root, scenario.sides, scenario.sides.us, scenario.sides.china, history]);
    const problems: string[] = [];
    for (const { text, chain, key } of strings(scenario)) {
      if (!DISPLAY_KEYS.has(key) || !/\d/.test(text) || chain.some((c) => sourceEntries.has(c))) continue;
      const inner = chain.slice(1);
      if (inner.some((c) => typeof c.source === 'string')) continue;
      if (briefing.has(chain[chain.length - 1]) && (scenario.descriptionSources ?? []).length > 0) continue;
      problems.push(`${key}: ${text}`);
    }
    expect(problems).toEqual([]);
  });

  it('has decision points a branch can start from, and teaching material', () => {
    expect(history.decisionPoints.length).toBeGreaterThanOrEqual(2);
    expect(history.decisionPoints.length).toBeLessThanOrEqual(5);
    for (const d of history.decisionPoints) {
      const index = d.alternatives.findIndex((a) => a.move);
      expect(index, `${d.id} offers an alternative as a move`).toBeGreaterThanOrEqual(0);
      const branch = replaySpec(scenario, decisionBranch(scenario, d.id, index, history.seed, historicalOptions(scenario)));
      expect(branch.states).toHaveLength(d.step + 2);
    }
    expect(history.questions.length).toBeGreaterThanOrEqual(3);
    expect(history.calibration.length).toBeGreaterThan(200);
  });

  it('gives both sides doctrines from the sources and AI profiles with red lines', () => {
    for (const side of SIDES) {
      const doctrines = scenario.doctrines.filter((d) => d.side === side);
      expect(doctrines.length).toBeGreaterThanOrEqual(2);
      for (const d of doctrines) expect(d.source, `doctrine ${d.id}`).toBeTruthy();
      const profiles = scenario.profiles.filter((p) => p.side === side);
      expect(profiles.length).toBeGreaterThanOrEqual(2);
      expect(profiles.some((p) => p.redLines.length > 0)).toBe(true);
    }
  });

  it('plays to the end under the random baseline, with every indicator finite and in range', () => {
    for (let seed = 1; seed <= 40; seed++) {
      let state = newGame(scenario, String(seed), defaultOptions(scenario));
      while (state.phase === 'negotiation') state = applyMove(scenario, state, randomMove(scenario, state, state.turn)).state;
      expect(state.round).toBe(scenario.horizon);
      for (const record of state.trajectory) {
        for (const id of INDICATOR_IDS) {
          const v = record.indicators[id];
          expect(Number.isFinite(v) && v >= INDICATORS[id].min && v <= INDICATORS[id].max, `${id} = ${v} in round ${record.round}, seed ${seed}`).toBe(true);
        }
      }
    }
  });

  it('keeps every levers-and-chips issue open to both play and history', () => {
    // The historical outcome is reachable by negotiation: the path's final state differs from the start.
    const final = replayHistory(scenario).final;
    expect(Object.keys(final.positions).some((k) => final.positions[k] !== scenario.issues.find((i) => i.id === k)!.statusQuo) || final.outcome!.kind !== 'deal').toBe(true);
  });
});

describe('the historical scenarios together', () => {
  it('cover every episode of the issue', () => {
    expect(historical.map((s) => s.id).sort()).toEqual([...EPISODES].sort());
  });

  it('tie their questions to all five lessons', () => {
    const cited = new Set(historical.flatMap((s) => s.history!.questions.flatMap((q) => q.lessons)));
    expect([...cited].sort()).toEqual([...LESSON_IDS].sort());
  });

  it('label the what-if built on the Meng and Glasgow events as one', () => {
    const meng = byId('meng-glasgow-2021');
    expect(meng.history!.kind).toBe('what-if');
    expect(meng.title).toMatch(/what if/i);
    expect(meng.summary).toMatch(/what-if|what if/i);
    expect(meng.history!.whatIf).toMatch(/no evidence/i);
    // Every step that puts the Meng case and climate on the table together is flagged as supposed.
    for (const step of meng.history!.path) {
      const text = JSON.stringify(step.move);
      if (/meng/i.test(text) && /climate/i.test(text)) expect(step.whatIf, step.account).toBe(true);
    }
  });
});

/**
 * Claims the dossier marks UNVERIFIED, with a pattern that would state them. Two of the dossier's
 * have since been confirmed by sources the scenarios cite, and are stated with them: the ZTE
 * clause was dropped when the House and Senate reconciled the defence bill (The Washington Post,
 * 1 August 2018), and the fourth TikTok extension ran to 16 December 2025 (ITWeb, 17 September 2025); so has a third:
 * China's antimony controls, announced on 15 August 2024, took effect on 15 September 2024 (the text of MOFCOM/GAC
 * Announcement No. 33 of 2024, the source the scenario cites, as several copies of it give it). A scenario may
 * mention one only in an object flagged `unverified: true` (or, for the Meng linkage, in a
 * what-if's supposed steps and note).
 */
const UNVERIFIED: { claim: string; pattern: RegExp; only?: string; about?: RegExp }[] = [
  // An April 2024 day counts only in an entry about the TikTok law: a BIS rule effective 4 April 2024 is no such claim.
  {
    claim: 'the exact day PAFACA was signed',
    pattern: /\b\d{1,2} April 2024\b|\bApril \d{1,2},? 2024\b|\b2024-04-\d{2}\b/,
    about: /\b(PAFACA|TikTok|ByteDance|divest\w*|foreign adversary)\b/i,
  },
  { claim: 'the Meng case, the detentions and climate were traded', pattern: /\b(Meng|Kovrig|Spavor|Michaels)\b[^.]*\b(traded|trade-off|in exchange|in return|swap|quid pro quo)\b/i },
];

describe('UNVERIFIED claims', () => {
  it.each(UNVERIFIED.map((u) => [u.claim, u.pattern, u.only, u.about] as const))('never states as fact: %s', (_claim, pattern, only, about) => {
    const stated: string[] = [];
    for (const scenario of historical.filter((s) => only === undefined || s.id === only)) {
      const whatIf = scenario.history!.kind === 'what-if';
      for (const { text, chain, key } of strings(scenario)) {
        if (!pattern.test(text)) continue;
        const holder = chain[chain.length - 1]!;
        if (about && !about.test(JSON.stringify(holder))) continue;
        const flagged = holder.unverified === true || (whatIf && (holder.whatIf === true || key === 'whatIf'));
        if (!flagged) stated.push(`${scenario.id} (${key}): ${text}`);
      }
    }
    expect(stated).toEqual([]);
  });

  it('catches a claim stated as fact (the check can fail)', () => {
    expect(UNVERIFIED[0]!.pattern.test('PAFACA was signed on 24 April 2024')).toBe(true);
    expect(UNVERIFIED[0]!.about!.test(JSON.stringify({ title: 'Biden signs the TikTok divest-or-ban law', date: '2024-04-24' }))).toBe(true);
    expect(UNVERIFIED[0]!.about!.test(JSON.stringify({ title: 'BIS corrections to the October 2023 chip rules, effective 4 April 2024', date: '2024-04-04' }))).toBe(false);
    expect(UNVERIFIED[1]!.pattern.test('Meng was released in exchange for climate cooperation')).toBe(true);
    expect(UNVERIFIED[1]!.pattern.test('at the Glasgow climate conference')).toBe(false);
  });
});
