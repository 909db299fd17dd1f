import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { defaultOptions } from '../../src/core/engine';
import type { GameSpec, Move, Scenario } from '../../src/core/types';
import type { Assessment } from '../../src/negotiators/game/assess';
import { EMPTY_MEMORY, type Memory } from '../../src/negotiators/game/memory';
import { inSentence, withArticle } from '../../src/core/sentence';
import { packageWords, sayFor } from '../../src/negotiators/game/voice';
import { decideMove } from '../../src/negotiators/index';
import { playScriptedMatch } from '../../src/session/scripted';

/**
 * What the negotiators say at the table: first person, from the decision's real inputs, in a
 * register that fits the side's doctrine and what the other side just did, with phrasings that
 * differ from game to game.
 */

const BUSAN = loadShippedScenario('busan-2025');
const spec = (scenario: Scenario, seed: string, moves: Move[], over = {}): GameSpec => ({
  scenario: { id: scenario.id, version: scenario.version },
  seed,
  options: defaultOptions(scenario, { difficulty: { us: 'hard', china: 'hard' }, ...over }),
  moves,
});

/** A decision's inputs with nothing pressing, for sayFor. */
function assessment(over: Partial<Assessment> = {}): Assessment {
  return {
    side: 'us',
    sideLabel: 'United States',
    otherLabel: 'China',
    doctrineLabel: 'Test doctrine',
    difficulty: 'hard',
    patience: 2,
    round: 2,
    rounds: 6,
    turn: 2,
    turns: 12,
    lastTurn: false,
    tension: 5,
    offer: null,
    strategy: {
      accept: false,
      counter: 0,
      target: 0.8,
      floor: 0.3,
      next: 0.8,
      acceptedBecause: null,
      finalOffer: null,
      stubborn: false,
      reciprocal: false,
      coerced: false,
    },
    counter: { pkg: { chips: 'strict', beans: 'lots' }, utility: 0.8, points: 3, previousUtility: 0.8, theirWorth: 1, previousTheirWorth: 0 },
    previousOffer: { chips: 'strict', beans: 'lots' },
    walkAway: { utility: 0.2, points: 0 },
    myLastMove: false,
    finalOfferTurn: false,
    toReverse: [],
    coercion: [],
    nextPoints: 3,
    dueThreat: null,
    lever: { issue: 'chips', position: 'ban', ours: -1, theirs: -3 },
    retaliation: { issue: 'chips', position: 'ban', ours: -1, theirs: -3 },
    canHold: true,
    prefersCalm: false,
    weights: [],
    audienceCost: 6,
    threatWindow: 1,
    words: {
      issue: { chips: 'Chip controls', beans: 'Soybean purchases' },
      position: {
        chips: { strict: 'Strict controls', ban: 'A total ban' },
        beans: { lots: 'Buy a lot of soybeans', none: 'Stop buying soybeans' },
      },
      holder: { chips: 'us', beans: 'china' },
    },
    focus: 'us.securityCost',
    voice: [0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6],
    voiceBase: [0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6],
    ...over,
  };
}
const memory = (over: Partial<Memory> = {}): Memory => ({ ...EMPTY_MEMORY, ...over });

describe('what the negotiator says', () => {
  it('speaks in the first person, with no number of the analysis', () => {
    const d = decideMove(BUSAN, spec(BUSAN, '1', []), 'us');
    expect(d.say).toMatch(/\b(we|our|us)\b/i);
    expect(d.say).not.toMatch(/[+−]\d+\.\d|points/);
    expect(d.analysis).toMatch(/[+−]\d+\.\d/);
  });

  it('names what it offers and what it asks, from the package it actually proposes', () => {
    const d = decideMove(BUSAN, spec(BUSAN, '1', []), 'us');
    expect(d.move.type).toBe('propose');
    if (d.move.type !== 'propose') return;
    const words = packageWords(
      {
        issue: {},
        position: Object.fromEntries(
          BUSAN.issues.map((i) => [i.id, Object.fromEntries(i.positions.map((p) => [p.id, p.label]))]),
        ),
        holder: Object.fromEntries(BUSAN.issues.map((i) => [i.id, i.holder])),
      },
      d.move.package,
      'us',
    );
    expect(d.say).toContain(words.ours[0] ?? words.theirs[0]);
  });

  it('is said differently in different games: several phrasings, chosen by the seeded stream', () => {
    const openings = new Set(
      Array.from(
        { length: 12 },
        (_, i) => decideMove(BUSAN, spec(BUSAN, String(i + 1), []), 'us').say.split(':')[0],
      ),
    );
    expect(openings.size).toBeGreaterThanOrEqual(3);
    // and the same game always says the same
    expect(decideMove(BUSAN, spec(BUSAN, '5', []), 'us').say).toBe(
      decideMove(BUSAN, spec(BUSAN, '5', []), 'us').say,
    );
  });

  it('answers the other side’s opening: China’s first offer depends on what the US opened with', () => {
    const a: Move = {
      type: 'propose',
      side: 'us',
      package: {
        tariffTruce: 'extended-1yr',
        soybeanPurchases: '25mmt',
        rareEarthControls: 'general-licences-1yr',
      },
    };
    const b: Move = {
      type: 'propose',
      side: 'us',
      package: { fentanylTariff: '0pct', chinaCountermeasures: 'dropped', nvidiaPurchases: 'permitted' },
    };
    const answers = (m: Move) =>
      new Set(
        ['1', '2', '3', '4', '5', '6'].map((seed) =>
          JSON.stringify(decideMove(BUSAN, spec(BUSAN, seed, [m]), 'china').move),
        ),
      );
    const fromA = answers(a);
    const fromB = answers(b);
    expect([...fromA].some((x) => !fromB.has(x))).toBe(true);
  });

  it('refers to what the other side just did', () => {
    const a = assessment();
    expect(
      sayFor('counter', a, memory({ lastTheirs: 'propose', trend: 'same', received: [{}, {}] }), 'firm'),
    ).toMatch(/same offer|Repeating your offer|offer you made before/);
    expect(
      sayFor('counter', a, memory({ lastTheirs: 'propose', trend: 'better', received: [{}, {}] }), 'firm'),
    ).toMatch(/step in the right direction|movement|better than the last/);
    expect(sayFor('counter', a, memory({ lastTheirs: 'reject' }), 'firm')).toMatch(/turned|rejected|said no/);
  });

  it('is indignant right after a threat or a measure imposed on it, naming it', () => {
    const threatened = memory({
      lastTheirs: 'threaten',
      provoked: true,
      threatsAgainstMe: [{ issue: 'beans', position: 'none' }],
    });
    expect(sayFor('threaten', assessment(), threatened, 'escalating')).toMatch(/escalation|pressure|in kind/);
    expect(sayFor('counter', assessment(), threatened, 'firm')).toMatch(/stop buying soybeans/);
    const coerced = memory({
      lastTheirs: 'impose',
      provoked: true,
      coerced: true,
      impositions: 1,
      imposedOnMe: [{ issue: 'beans', position: 'none' }],
    });
    const answer = sayFor('retaliate', assessment(), coerced, 'escalating');
    expect(answer).toMatch(/stop buying soybeans/);
    expect(answer).toMatch(/a total ban/);
  });

  it('takes the register of its doctrine: firm, or conciliatory when it counts tension as a cost', () => {
    const firm = new Set<string>();
    const calm = new Set<string>();
    for (let k = 0; k < 10; k++) {
      const voice = Array.from({ length: 8 }, (_, i) => ((k * 7 + i * 3) % 10) / 10);
      firm.add(sayFor('accept', assessment({ voice }), memory(), 'deal'));
      calm.add(sayFor('accept', assessment({ voice, prefersCalm: true }), memory(), 'deal'));
    }
    expect([...calm].some((s) => /thank|both sides|welcome/i.test(s))).toBe(true);
    expect([...firm].every((s) => !/thank|welcome/i.test(s))).toBe(true);
  });

  it('never gives away why it refuses an offer beyond what the other side can see', () => {
    const red = assessment({
      offer: {
        pkg: { chips: 'ban' },
        utility: null,
        points: null,
        redLines: [{ issue: 'chips', position: 'ban' }],
        unreversed: [],
        home: { side: 'us', projected: NaN, needed: NaN, ok: false },
        there: { side: 'china', projected: NaN, needed: NaN, ok: false },
        signable: false,
      },
    });
    for (let k = 0; k < 10; k++) {
      const s = sayFor(
        'counter',
        { ...red, voice: red.voice.map((v) => (v + k / 10) % 1) },
        memory(),
        'firm',
      );
      expect(s).not.toMatch(/never|red line|total ban/i);
    }
  });

  it('tells the coercer what any deal must undo', () => {
    const a = assessment({ toReverse: ['beans'] });
    expect(sayFor('counter', a, memory(), 'firm')).toMatch(
      /Any agreement must lift your measure on soybean purchases/,
    );
  });

  it('keeps labels readable inside a sentence', () => {
    expect(inSentence('Extend the truce for a year')).toBe('extend the truce for a year');
    expect(inSentence('Chinese firms told not to buy')).toBe('Chinese firms told not to buy');
    expect(inSentence('H20 licensed with a 15% revenue share')).toBe('H20 licensed with a 15% revenue share');
    expect(inSentence("China's April countermeasures")).toBe("China's April countermeasures");
    expect(inSentence('Entity List listings')).toBe('Entity List listings');
    expect(inSentence('Rare-earth export controls')).toBe('rare-earth export controls');
    expect(inSentence('A total ban')).toBe('a total ban');
    // an article before a name is still lowered: the name keeps its capitals
    expect(inSentence('A Board of Trade for about $30B')).toBe('a Board of Trade for about $30B');
    expect(inSentence('The Entity List')).toBe('the Entity List');
    expect(inSentence('An EU-style screening')).toBe('an EU-style screening');
    // a verb or "no" before a name, and a word before a possessive, do not start a name
    expect(inSentence('Release Kovrig and Spavor')).toBe('release Kovrig and Spavor');
    expect(inSentence('Take Huawei off the Entity List')).toBe('take Huawei off the Entity List');
    expect(inSentence('No Section 122 tariff')).toBe('no Section 122 tariff');
    expect(inSentence("Remove China's tariffs")).toBe("remove China's tariffs");
    expect(inSentence("Hold China's tariffs")).toBe("hold China's tariffs");
    expect(inSentence('Michael Kovrig and Michael Spavor')).toBe('Michael Kovrig and Michael Spavor');
    expect(inSentence("Nvidia's H20 chip")).toBe("Nvidia's H20 chip");
    expect(inSentence('Section 122 tariff')).toBe('Section 122 tariff');
    expect(inSentence('List 4A tariffs')).toBe('List 4A tariffs');
    expect(inSentence('The 9 October controls')).toBe('the 9 October controls');
    expect(inSentence('Cut 15% of it')).toBe('cut 15% of it');
    // a verb before a number is still a verb: "on our side, buy 12 million tonnes", not "Buy 12 million"
    expect(inSentence('Buy 12 million tonnes a year')).toBe('buy 12 million tonnes a year');
    expect(inSentence('Suspend 24 points for 90 days and keep 10%')).toBe('suspend 24 points for 90 days and keep 10%');
    expect(inSentence('Add 46 more affiliates (114 in all) and keep the licence bar')).toBe('add 46 more affiliates (114 in all) and keep the licence bar');
  });

  it('does not say the same sentence at two moves in a row, nor what matters to it as a refrain', () => {
    const repeats: string[] = [];
    let focus = 0;
    let said = 0;
    for (const id of ['busan-2025', 'sandbox', 'zte-2018'])
      for (const script of ['repeat-offer', 'stall', 'repeat-best'] as const)
        for (const difficulty of ['hard', 'normal'] as const)
          for (const seed of ['1', '2', '3']) {
            const { match } = playScriptedMatch(loadShippedScenario(id), seed, script, 'china', difficulty);
            let before = new Set<string>();
            for (const t of match.turns().filter((x) => x.ai)) {
              const sentences = new Set(t.ai!.say.split(/(?<=[.!?])\s+/));
              for (const x of sentences) if (before.has(x)) repeats.push(`${id} ${script} ${difficulty} ${seed} round ${t.round}: ${x}`);
              if (/^(What matters to us is|We will not compromise on) /m.test(t.ai!.say.split(/(?<=[.!?])\s+/).at(-1)!)) focus++;
              said++;
              before = sentences;
            }
          }
    expect(repeats).toEqual([]);
    expect(said).toBeGreaterThan(100);
    expect(focus).toBeLessThan(said / 2);
  });

  it('says why it still gives ground after an offer that asked more: near the deadline, that time is running out', () => {
    // the counter is worth less to it than its last offer: a concession
    const conceding = (turn: number) =>
      assessment({
        turn,
        round: Math.floor(turn / 2) + 1,
        counter: { pkg: { chips: 'ban', beans: 'lots' }, utility: 0.6, points: 2, previousUtility: 0.8, theirWorth: 1, previousTheirWorth: 0 },
      });
    const worse = memory({ lastTheirs: 'propose', trend: 'worse', received: [{}, {}] });
    for (const voiceBase of [[0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [0.9, 0.5, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]]) {
      // the last third of twelve turns: it moves because the talks end soon, and says so
      const late = sayFor('counter', { ...conceding(9), voiceBase }, worse, 'conceding');
      expect(late).toMatch(/talks end soon|time is running out/i);
      // earlier, it says it still wants an agreement, not that time is short
      const early = sayFor('counter', { ...conceding(3), voiceBase }, worse, 'conceding');
      expect(early).toMatch(/given up on a deal|want a deal/);
      expect(early).not.toMatch(/talks end soon|time is running out/i);
      // and the word it adds does not repeat the concession's own ("In the interest of an agreement")
      for (const said of [late, early]) expect(said.match(/agreement/g)?.length ?? 0, said).toBeLessThanOrEqual(1);
    }
    // holding firm after such an offer needs no such word
    expect(sayFor('counter', conceding(9), worse, 'firm')).not.toMatch(/talks end soon|time is running out|a deal/i);
  });

  it('says "opening" at most once when it answers the other side’s opening', () => {
    const first = memory({ lastTheirs: 'propose', trend: 'first', received: [{}] });
    for (const d1 of [0.1, 0.5, 0.9])
      for (const d3 of [0.1, 0.5, 0.9]) {
        const a = assessment({ turn: 1, previousOffer: null, voiceBase: [0.1, d1, 0.1, d3, 0.1, 0.1, 0.1, 0.1] });
        const said = sayFor('counter', a, first, 'probing');
        expect(said.match(/\bopening\b/g)?.length ?? 0, said).toBeLessThanOrEqual(1);
      }
  });

  /** The other side has just imposed a total ban on chips: the memory of a coerced negotiator. */
  const banImposed = () =>
    memory({ lastTheirs: 'impose', provoked: true, coerced: true, impositions: 1, imposedOnMe: [{ issue: 'chips', position: 'ban' }] });

  it('does not name the measure just imposed on it twice in one turn', () => {
    const coerced = banImposed();
    for (const prefersCalm of [false, true])
      for (const d1 of [0.1, 0.5, 0.9])
        for (const d3 of [0.1, 0.5, 0.9]) {
          const a = assessment({
            prefersCalm,
            coercion: [{ issue: 'chips', position: 'ban', asked: 'strict' }],
            voiceBase: [0.1, d1, 0.1, d3, 0.1, 0.1, 0.1, 0.1],
          });
          const said = sayFor('stand-firm', a, coerced, 'firm');
          expect(said.match(/a total ban/g)?.length, said).toBe(1);
        }
  });

  it('does not name the measure it wants lifted again right after naming it', () => {
    const coerced = banImposed();
    for (const d1 of [0.1, 0.5, 0.9]) {
      const a = assessment({ toReverse: ['chips'], voiceBase: [0.1, d1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] });
      const said = sayFor('counter', a, coerced, 'probing');
      expect(said.match(/chip controls/g)?.length, said).toBe(1);
      expect(said).toMatch(/Any agreement must lift that measure\./);
    }
    // with no measure named before it, it names what must be lifted
    const named = sayFor('counter', assessment({ toReverse: ['chips'] }), memory({ lastTheirs: 'hold' }), 'firm');
    expect(named).toMatch(/lift your measure on chip controls/);
  });

  it('counts the changes it does not name in different words within a sentence: "one other change", "one more", "one further"', () => {
    const words = {
      issue: { a: 'Issue A', b: 'Issue B', c: 'Issue C', d: 'Issue D', e: 'Issue E', f: 'Issue F' },
      position: {
        a: { x: 'Do A' }, b: { x: 'Do B' }, c: { x: 'Do C' }, d: { x: 'Do D' }, e: { x: 'Do E' }, f: { x: 'Do F' },
      },
      holder: { a: 'us', b: 'us', c: 'us', d: 'china', e: 'china', f: 'china' },
    } as const;
    const pkg = { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x', f: 'x' };
    for (const d3 of [0.1, 0.5, 0.9])
      for (const posture of ['firm', 'conceding', 'probing'] as const) {
        const a = assessment({
          words: words as unknown as Assessment['words'],
          counter: { pkg, utility: posture === 'conceding' ? 0.6 : 0.8, points: 2, previousUtility: 0.8, theirWorth: 1, previousTheirWorth: 0 },
          previousOffer: { a: 'y', b: 'y', c: 'y', d: 'x', e: 'x', f: 'x' },
          voiceBase: [0.1, 0.1, 0.1, d3, 0.1, 0.1, 0.1, 0.1],
        });
        const said = sayFor('counter', a, memory({ lastTheirs: 'reject' }), posture);
        for (const sentence of said.split(/(?<=[.!?])\s+/)) {
          const kinds = [...sentence.matchAll(/ (other|more|further) changes?\b/g)].map((x) => x[1]);
          expect(new Set(kinds).size, sentence).toBe(kinds.length);
        }
      }
  });

  it('counts the issues it moved on as issues: "we move on A, B and one other issue", never "… and one other change"', () => {
    const words = {
      issue: { a: 'Issue A', b: 'Issue B', c: 'Issue C', d: 'Issue D' },
      position: { a: { x: 'Do A', y: 'Undo A' }, b: { x: 'Do B', y: 'Undo B' }, c: { x: 'Do C', y: 'Undo C' }, d: { x: 'Do D' } },
      holder: { a: 'us', b: 'us', c: 'china', d: 'china' },
    } as const;
    let seen = 0;
    for (const d3 of [0.1, 0.4, 0.7, 0.9])
      for (const prefersCalm of [false, true])
        for (const posture of ['firm', 'conceding'] as const) {
          const a = assessment({
            prefersCalm,
            words: words as unknown as Assessment['words'],
            counter: { pkg: { a: 'x', b: 'x', c: 'x', d: 'x' }, utility: posture === 'conceding' ? 0.6 : 0.8, points: 2, previousUtility: 0.8, theirWorth: 1, previousTheirWorth: 0 },
            previousOffer: { a: 'y', b: 'y', c: 'y', d: 'x' },
            voiceBase: [0.1, 0.1, 0.1, d3, 0.1, 0.1, 0.1, 0.1],
          });
          const said = sayFor('counter', a, memory({ lastTheirs: 'reject' }), posture);
          const listed = said.match(/issue a, issue b and (\w+ \w+ \w+)/i);
          if (!listed) continue;
          seen++;
          expect(listed[1], said).toBe('one other issue');
        }
    expect(seen).toBeGreaterThan(0);
  });

  it('is what the session shows: a game against a script carries words and analysis on every AI move', () => {
    const { match } = playScriptedMatch(BUSAN, '3', 'early-sanction', 'us', 'hard');
    const ai = match.turns().filter((t) => t.by === 'ai');
    expect(ai.length).toBeGreaterThan(3);
    for (const t of ai) {
      expect(t.ai!.say.length).toBeGreaterThan(10);
      expect(t.ai!.analysis.length).toBeGreaterThan(10);
      expect(t.ai!.say).not.toBe(t.ai!.analysis);
    }
  });

  it('says an issue after a preposition with "the" only where a singular noun needs one', () => {
    expect(withArticle('Section 122 tariff')).toBe('the Section 122 tariff');
    expect(withArticle('ZTE denial order')).toBe('the ZTE denial order');
    expect(withArticle('tariff on List 4A (about $120B)')).toBe('the tariff on List 4A (about $120B)');
    expect(withArticle('reciprocal tariff truce')).toBe('the reciprocal tariff truce');
    for (const bare of [
      'soybean purchases',
      'tariffs on Lists 1 to 3 ($250B)',
      "China's lists and probes",
      'a Board of Trade',
      'the order against TikTok',
      'Michael Kovrig and Michael Spavor',
      'Chinese investment in the US',
      'climate cooperation',
      'licensing and training by Chinese firms',
      'IEEPA tariffs (fentanyl and reciprocal)',
      'intellectual property and technology transfer',
    ])
      expect(withArticle(bare)).toBe(bare);
  });
});
