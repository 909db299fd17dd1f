import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/engine';
import { historicalSpec } from '../../src/core/history';
import type { Scenario, Source } from '../../src/core/types';
import { intelReport, ledgerOf } from '../../src/negotiators/index';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import { withWords } from '../../src/session/explain-words';
import { MATERIAL_KINDS } from '../../src/session/material-set';
import { parseMaterial } from '../../src/session/materials';
import { MODEL_ESTIMATE, positionProvenance } from '../../src/session/provenance';
import { defaultSettings } from '../../src/session/settings';
import { acceptedPackage, changeNotes, moveFigures, movePositions } from '../../src/view/figure-sources';
import { historyData } from '../../src/view/history-data';
import { embeddedMaterialFiles, materialsData } from '../../src/view/materials-data';
import { materialTree, webHref, type MaterialNode } from '../../src/view/material-tree';
import type { Action, Effect } from '../../src/view/state/actions';
import { initialState, type AppState, type Lib } from '../../src/view/state/app-state';
import { Store } from '../../src/view/state/store';
import { update } from '../../src/view/state/update';
import { loadOrThrow, scenarioPath } from '../helpers';
import { busanFile, scriptedAi } from '../session/helpers';

/**
 * The pure parts of issue 13's view: the materials' tree (markup stays text, only http(s) links
 * keep an address), the provenance of every figure the play screens show, the materials data
 * shipped in the build, and the actions that open the materials and the glossary.
 */

const SCENARIOS: Scenario[] = readdirSync(scenarioPath(''))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => loadOrThrow(scenarioPath(f)));
const HISTORICAL = SCENARIOS.filter((s) => s.history !== undefined);

const ALLOWED_TAGS = new Set(['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'button', 'sup']);

function* elements(nodes: readonly MaterialNode[]): Generator<Exclude<MaterialNode, string>> {
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    yield n;
    yield* elements(n.children);
  }
}

const text = (nodes: readonly MaterialNode[]): string =>
  nodes.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');

describe('the materials tree: what a screen may build from a material', () => {
  const source: Source = { id: 'a', title: 'A source', url: 'https://example.org/a' };
  const sourceOf = (id: string) => (id === 'a' ? source : null);

  it('keeps markup as the characters it is and makes only http(s) links', () => {
    const doc = parseMaterial(
      [
        '# Title <script>alert(1)</script>',
        '',
        'Text with <img src=x onerror=alert(1)> and **bold <b>x</b>** and [a link](https://example.org/x?a=1&b=<2>).',
        '',
        '- [bad](javascript:alert`1`) and [data](data:text/html,<script>alert`1`</script>) and [rel](/local) and [JS](JaVaScRiPt:void%200)',
        '- [term](glossary:entity-list) cited [@a; @b] and again [@a]',
      ].join('\n'),
    );
    const tree = materialTree(doc, sourceOf);
    const all = [...elements(tree.blocks)];
    for (const el of all) {
      expect(ALLOWED_TAGS.has(el.tag), el.tag).toBe(true);
      for (const name of Object.keys(el.attrs)) expect(['href', 'class']).toContain(name);
      if (el.attrs.href !== undefined) expect(el.attrs.href).toMatch(/^https?:\/\//);
    }
    const links = all.filter((e) => e.tag === 'a');
    expect(links.map((l) => l.attrs.href)).toEqual(['https://example.org/x?a=1&b=%3C2%3E']);
    // The refused links keep their words, as emphasis without an address.
    expect(text(tree.blocks)).toContain('bad and data and rel and JS');
    // Markup is text: the strings hold it, no element was made of it.
    expect(text(tree.blocks)).toContain('<img src=x onerror=alert(1)>');
    expect(text(tree.blocks)).toContain('<script>alert(1)</script>');
    expect(all.map((e) => e.tag)).not.toContain('img');
    // A glossary link is a button naming its term; citations are numbered in order, reused.
    expect(all.filter((e) => e.tag === 'button').map((b) => b.term)).toEqual(['entity-list']);
    expect(all.filter((e) => e.tag === 'sup').map((s) => text(s.children))).toEqual(['[1, 2]', '[1]']);
    expect(tree.sources).toEqual([
      { id: 'a', source },
      { id: 'b', source: null },
    ]);
    expect(tree.blocks[0]!.tag).toBe('h2');
  });

  it('accepts as a web address only an http(s) URL', () => {
    expect(webHref('https://example.org/')).toBe('https://example.org/');
    expect(webHref(' HTTP://example.org ')).toBe('http://example.org/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://x.org', 'https://', 'vbscript:x'])
      expect(webHref(bad), bad).toBeNull();
  });
});

describe('every figure the play screens show has a source or the "model estimate" tag', () => {
  it('every position whose label carries a figure (chips, offers, levers, replay steps)', () => {
    let figures = 0;
    for (const s of SCENARIOS)
      for (const issue of s.issues)
        for (const p of issue.positions) {
          if (!/\d/.test(p.label)) continue;
          figures += 1;
          const prov = positionProvenance(s, issue.id, p.id);
          expect(prov.estimate ? prov.label.startsWith(MODEL_ESTIMATE) : prov.source !== null, `${s.id} ${issue.id}=${p.id}`).toBe(true);
        }
    expect(figures).toBeGreaterThan(50);
  });

  it('every line of "what changed and why" and the news in every real episode, and each replay step’s figures', () => {
    let lines = 0;
    for (const s of HISTORICAL) {
      const spec = historicalSpec(s);
      const run = replay(s, spec.seed, spec.options, spec.moves);
      const notes = changeNotes(s, withWords(s, run.explanations.flat()));
      for (const n of notes) {
        if (!/\d/.test(n.text)) continue;
        lines += 1;
        expect(n.provenance, `${s.id}: ${n.text}`).not.toBeNull();
        expect(n.provenance!.label.length).toBeGreaterThan(0);
      }
      const moves = s.history!.path.map((p) => p.move);
      moves.forEach((m, i) => {
        const accepted = m.type === 'accept' ? acceptedPackage(moves, i) : null;
        for (const f of moveFigures(s, m, accepted)) {
          expect(/\d/.test(f.text)).toBe(true);
          expect(f.provenance.estimate || f.provenance.source !== null).toBe(true);
        }
        if (m.type === 'accept') expect(movePositions(m, accepted).length, `${s.id} step ${i}`).toBeGreaterThan(0);
      });
    }
    expect(lines).toBeGreaterThan(100);
  });

  it('a line with a figure the rules would pass over is still tagged', () => {
    const s = HISTORICAL[0]!;
    const [note] = changeNotes(s, [{ kind: 'round', round: 1, text: 'Round 3 of 8 begins.' } as never]);
    expect(note!.provenance?.label).toBe(MODEL_ESTIMATE);
    const [plain] = changeNotes(s, [{ kind: 'round', round: 1, text: 'A new round begins.' } as never]);
    expect(plain!.provenance).toBeNull();
  });
});

describe('the materials shipped in the build', () => {
  it('loads the glossary and all three documents of every real episode, with no problem', () => {
    const files = embeddedMaterialFiles();
    const data = materialsData(files);
    expect(data.problems).toEqual([]);
    expect(data.glossary!.terms.length).toBeGreaterThanOrEqual(20);
    for (const s of HISTORICAL) {
      const m = data.materialsOf(s.id);
      for (const k of MATERIAL_KINDS) expect(m[k], `${s.id} ${k}`).not.toBeNull();
    }
    // The same text as on disk.
    const zte = files.find((f) => f.path === 'zte-2018/background.md')!;
    expect(zte.text).toBe(readFileSync(scenarioPath('materials/zte-2018/background.md'), 'utf8'));
  });

  it('names a missing or broken glossary instead of failing', () => {
    expect(materialsData([]).problems).toEqual(['glossary.yaml: the glossary is missing']);
    const broken = materialsData([{ path: 'glossary.yaml', text: 'terms: 3' }]);
    expect(broken.glossary).toBeNull();
    expect(broken.problems.length).toBeGreaterThan(0);
    expect(broken.problems[0]).toMatch(/^glossary\.yaml: /);
  });

  it('computes the AI’s choice at a step once, and its agreement from the same choices', () => {
    const data = materialsData([]);
    const zte = HISTORICAL.find((s) => s.id === 'zte-2018')!;
    const first = data.aiChoiceOf(zte, 0);
    expect(data.aiChoiceOf(zte, 0)).toBe(first);
    const a = data.aiAgreementOf(zte);
    expect(a.steps[0]).toBe(first);
    expect(a.total).toBe(zte.history!.path.filter((p) => p.whatIf !== true).length);
    expect(a.matched).toBe(a.steps.filter((c) => c.matched).length);
  });
});

describe('the actions that open the materials and the glossary', () => {
  const zteFile = () => ({ file: 'zte-2018.yaml', text: readFileSync(scenarioPath('zte-2018.yaml'), 'utf8') });
  function started() {
    const ai = scriptedAi({});
    const lib: Lib = {
      catalog: new ScenarioCatalog([busanFile(), zteFile()], loadScenario),
      ai: { negotiators: ai.decide, ledgerOf, intelReport },
      history: historyData,
    };
    const store = new Store<AppState, Action, Effect>(initialState(defaultSettings()), (state, action) =>
      update(state, action, { randomSeed: () => 'seed' }),
    );
    store.dispatch({ type: 'started', lib, saved: { kind: 'empty' }, storageProblem: null });
    return store;
  }

  it('opens an episode’s materials from a screen, switches tabs, and goes back where it came from', () => {
    const store = started();
    store.dispatch({ type: 'navigate', screen: 'history' });
    store.dispatch({ type: 'open-materials', id: 'zte-2018', tab: 'background' });
    expect(store.getState().screen).toBe('materials');
    expect(store.getState().materials).toEqual({ id: 'zte-2018', tab: 'background', back: 'history' });
    store.dispatch({ type: 'open-materials', id: 'zte-2018', tab: 'teacher-guide' });
    expect(store.getState().materials).toEqual({ id: 'zte-2018', tab: 'teacher-guide', back: 'history' });
    store.dispatch({ type: 'close-materials' });
    expect(store.getState().screen).toBe('history');
    expect(store.getState().materials).toBeNull();
  });

  it('opens and closes a glossary term over any screen, leaving the screen as it was', () => {
    const store = started();
    store.dispatch({ type: 'navigate', screen: 'history' });
    const before = store.getState();
    store.dispatch({ type: 'open-glossary', term: 'entity-list' });
    expect(store.getState().glossaryTerm).toBe('entity-list');
    expect(store.getState().screen).toBe('history');
    store.dispatch({ type: 'close-glossary' });
    expect(store.getState().glossaryTerm).toBeNull();
    expect({ ...store.getState(), glossaryTerm: null }).toEqual(before);
  });
});
