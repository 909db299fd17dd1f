import { describe, expect, it } from 'vitest';
import { readBlockedDomains, readMaterialFiles } from '../../src/cli/materials-files';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import { applyMove, defaultOptions, newGame } from '../../src/core/engine';
import { randomMove } from '../../src/negotiators/game/random-player';
import { blockedDomainOf, blockedSources, parseBlockedDomains } from '../../src/scenario/blocked-sources';
import { loadGlossary } from '../../src/scenario/glossary';
import { assessDraft, chipsFor } from '../../src/session/draft';
import { withWords } from '../../src/session/explain-words';
import { GLOSSARY_FILE } from '../../src/session/material-set';
import {
  effectProvenance,
  explanationProvenance,
  MODEL_ESTIMATE,
  positionProvenance,
  projectionProvenance,
} from '../../src/session/provenance';

/**
 * Sources a teacher can trust: no source points at a blocked domain (mirrors, reprints, content
 * farms), every source says where it is from, and every figure a play screen shows either has a
 * source or is labelled a model estimate.
 */
const scenarios = loadAllShippedScenarios();
const domains = readBlockedDomains();

describe('the blocked list of source domains', () => {
  it('parses, and matches a domain and its subdomains only', () => {
    expect(domains.length).toBeGreaterThan(30);
    expect(blockedDomainOf('https://www.breitbart.com/news/x', ['breitbart.com'])).toBe('breitbart.com');
    expect(blockedDomainOf('https://ih.advfn.com/a', ['advfn.com'])).toBe('advfn.com');
    expect(blockedDomainOf('https://notbreitbart.com/x', ['breitbart.com'])).toBeNull();
    expect(blockedDomainOf('not a url', ['breitbart.com'])).toBeNull();
    expect(() => parseBlockedDomains('good.com\nnot a domain\n')).toThrow('line 2');
    expect(parseBlockedDomains('# comment\n a.com  # why\n\nb.org')).toEqual(['a.com', 'b.org']);
  });

  it('catches a blocked source (the check can fail)', () => {
    expect(blockedSources([{ id: 'x', url: 'https://www.theepochtimes.com/a' }], domains)).toEqual([
      { id: 'x', url: 'https://www.theepochtimes.com/a', domain: 'theepochtimes.com' },
    ]);
  });

  it('blocks the weak secondary sources that primary records replaced', () => {
    for (const domain of ['caliber.az', 'mediaselangor.com', 'mb.com.ph', 'macrumors.com', 'pandaily.com', 'asiafinancial.com', 'triviumchina.com'])
      expect(domains, domain).toContain(domain);
    expect(blockedDomainOf('https://www.asiafinancial.com/nvidia-amd-agreed-to-pay-15-of-china-chip-revenue-to-us', domains)).toBe('asiafinancial.com');
  });

  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s cites no blocked domain, and every source says where it is from',
    (_id, scenario) => {
      expect(blockedSources(scenario.sources, domains)).toEqual([]);
      for (const s of scenario.sources) expect(s.url ?? s.publisher, `source ${s.id}`).toBeTruthy();
    },
  );

  it('keeps the glossary clear of blocked domains', () => {
    const file = readMaterialFiles().find((f) => f.path === GLOSSARY_FILE);
    expect(file).toBeDefined();
    const g = loadGlossary(file!.text);
    expect(g.ok).toBe(true);
    if (g.ok) expect(blockedSources(g.glossary.sources, domains)).toEqual([]);
  });

  it('names the authors of the expert sources the debrief quotes', () => {
    for (const s of scenarios) {
      for (const src of s.sources) {
        if (['carnegie-2022', 'eaf-2020', 'seed-glasserman', 'latimes-2018'].includes(src.id))
          expect(src.author, `${s.id}: ${src.id}`).toBeTruthy();
        if (src.id === 'eaf-2020') expect(src.title).toMatch(/no winners/i);
      }
    }
  });
});

/**
 * Records a source audit could not find in any stored copy (a National Post page, the DOJ release of
 * January 2019, Cadence's 8-K, NVIDIA's 10-Q sentence, the Federal Register number of the Board of
 * Trade notice, a White House fact sheet of 17 May 2026 on the Beijing summit that only a blog's
 * copy shows): the facts they carried now cite records that were found, and they stay out.
 */
const UNFOUND_SOURCES = [
  'nationalpost-dpa', 'doj-huawei-charges', 'cadence-eda', 'nvidia-10q-h20', 'fr-bot-comments', 'wh-beijing-summit',
  // Phase One and Huawei-Osaka law-firm and press pages no stored copy shows (BDO, Shapiro, King & Wood
  // Mallesons, The Wire China of 20 February 2022, two Bryan Cave alerts); found records carry their facts.
  'bdo-deal', 'shapiro-terms', 'kwm-chapters', 'wirechina-bury', 'bclp-tgl', 'bclp-more-affiliates',
];
const UNFOUND_URLS = [
  /nationalpost\.com/, /sec\.gov\/cgi-bin\/browse-edgar/, /2026-11291/, /whitehouse\.gov\/fact-sheets\/2026\/05\//,
  /bdo\.com\/insights\/tax\/the-u-s-and-china-reach-phase-one/, /shapiro\.com\/alerts\/trump-confirms/, /kwm\.com\/.*phase-one/,
  /thewirechina\.com\/2022\/02\/20\/bury/, /bclplaw\.com\/en-US\/thought-leadership\/.*huawei/,
];

describe('sources the audit could not find', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s cites none of them, in its data or its materials', (id, scenario) => {
    for (const src of scenario.sources) {
      expect(UNFOUND_SOURCES, `${id}: ${src.id}`).not.toContain(src.id);
      for (const url of UNFOUND_URLS) expect(src.url ?? '', `${id}: ${src.id}`).not.toMatch(url);
    }
    for (const file of readMaterialFiles().filter((f) => f.path.startsWith(`${id}/`)))
      for (const unfound of UNFOUND_SOURCES) expect(file.text, file.path).not.toContain(`@${unfound}`);
  });

  it('cites the Board of Investment to a record that names it, and nothing to a White House fact sheet of May 2026', () => {
    const beijing = scenarios.find((s) => s.id === 'beijing-2026')!;
    const investment = beijing.issues.find((i) => i.id === 'investmentAccess')!;
    expect(investment.positions.find((p) => p.id === 'board-of-investment')?.source).toBe('seed-glasserman');
    const text = readMaterialFiles().filter((f) => f.path.startsWith('beijing-2026/')).map((f) => f.text).join('\n');
    expect(text).not.toMatch(/White House fact sheet of 17 May/);
  });

  it('cites every MOFCOM announcement to a record of it with a URL', () => {
    const mofcom = scenarios.flatMap((s) => s.sources.filter((src) => src.id.startsWith('mofcom-')).map((src) => [s.id, src] as const));
    expect(mofcom.length).toBeGreaterThanOrEqual(8);
    for (const [id, src] of mofcom) expect(src.url, `${id}: ${src.id}`).toMatch(/^https?:\/\//);
  });

  it('counts no Kerry-Xie meetings before Glasgow, which no cited record gives', () => {
    const text = JSON.stringify(scenarios.find((s) => s.id === 'meng-glasgow-2021'));
    const materials = readMaterialFiles().filter((f) => f.path.startsWith('meng-glasgow-2021/')).map((f) => f.text).join('\n');
    for (const t of [text, materials]) expect(t).not.toMatch(/\b30 meetings/);
  });

  it('reads Phase One, Osaka and Glasgow as their records do', () => {
    const text = (id: string) =>
      JSON.stringify(scenarios.find((s) => s.id === id)) +
      readMaterialFiles().filter((f) => f.path.startsWith(`${id}/`)).map((f) => f.text).join('\n');
    // CNBC (after Chinese media) gives a meeting of about 80 minutes, not a lunch of that length.
    expect(text('huawei-osaka-2019')).not.toMatch(/80-minute lunch/);
    // Commerce announced the listing on 15 May, the day of the order; the listing took effect on 16 May.
    expect(text('huawei-osaka-2019')).not.toMatch(/The next day the Commerce Department announced/);
    // The Journal says both leaders pressed their delegates to find common ground, not that both needed a deal.
    expect(text('meng-glasgow-2021')).not.toMatch(/both leaders as needing a deal/);
    // $288.8B is the count of Bown's first post (57%); his revised figure is 58%.
    expect(text('phase-one-2020')).not.toMatch(/came to \$288\.8/);
    for (const id of ['phase-one-2020', 'huawei-osaka-2019']) {
      const list4a = scenarios.find((s) => s.id === id)!.sources.find((src) => src.id === 'fr-list4a');
      expect(list4a?.url, id).toMatch(/federalregister\.gov\/documents\/2020\/01\/22\/2020-00904\//);
    }
  });

  it('states no 2020 energy share for Phase One that no record gives', () => {
    const text = JSON.stringify(scenarios.find((s) => s.id === 'phase-one-2020'));
    const materials = readMaterialFiles().filter((f) => f.path.startsWith('phase-one-2020/')).map((f) => f.text).join('\n');
    for (const t of [text, materials]) expect(t).not.toMatch(/(under|less than) 40%/);
  });
});

describe('every figure on a play screen has a source or is a model estimate', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s: scenario data', (_id, scenario) => {
    const unsourced: string[] = [];
    for (const issue of scenario.issues) {
      for (const p of issue.positions) {
        // A label with a figure (a rate, an amount, a date) must name where the figure comes from.
        if (
          /\d/.test(p.label) &&
          positionProvenance(scenario, issue.id, p.id).estimate &&
          !scenario.fictional
        )
          unsourced.push(`${issue.id}/${p.id}: ${p.label}`);
        for (const e of [...(p.effects ?? []), ...(p.inForce ?? []), ...(p.perRound ?? [])]) {
          const prov = effectProvenance(scenario, e);
          expect(prov.estimate).toBe(true);
          expect(prov.label.startsWith(MODEL_ESTIMATE)).toBe(true);
          if (e.source) expect(prov.source?.id).toBe(e.source);
        }
      }
    }
    expect(unsourced).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s: the session screen models of played games',
    (_id, scenario) => {
      for (const seed of ['1', '2', '3']) {
        const options = defaultOptions(scenario);
        let state = newGame(scenario, seed, options);
        while (state.phase === 'negotiation') {
          // The projection panel: every projected figure is a model estimate, with its arguments' sources.
          const offers = chipsFor(scenario, state, state.turn)
            .offers.flatMap((g) => g.chips)
            .slice(0, 2);
          const pkg = Object.fromEntries(offers.map((c) => [c.issue, c.position]));
          for (const p of assessDraft(scenario, state, state.turn, pkg).projections) {
            const prov = projectionProvenance(scenario, p, pkg);
            expect(prov.estimate).toBe(true);
            expect(prov.label.startsWith(MODEL_ESTIMATE)).toBe(true);
          }
          const result = applyMove(scenario, state, randomMove(scenario, state, state.turn));
          // "What changed and why": every explanation with a figure has a provenance label.
          for (const e of withWords(scenario, result.explanations)) {
            const prov = explanationProvenance(scenario, e);
            if (e.delta !== undefined || (/\d/.test(e.text) && e.kind !== 'round' && e.kind !== 'outcome')) {
              expect(prov, `${e.kind}: ${e.text}`).not.toBeNull();
              expect(prov!.label).toMatch(new RegExp(`^(${MODEL_ESTIMATE}|source: )`));
              if (e.delta !== undefined) expect(prov!.estimate).toBe(true);
            }
          }
          state = result.state;
        }
      }
    },
  );
});
