import { describe, expect, it } from 'vitest';
import { readMaterialFiles } from '../../src/cli/materials-files';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import { checkMaterialSet, glossaryOf, materialsFor } from '../../src/session/material-set';
import {
  findGlossaryTerms,
  inlinesOf,
  parseMaterial,
  plainText,
  wordCount,
  type MaterialDocument,
} from '../../src/session/materials';

/**
 * The teaching materials shipped with the episodes: every file checks out (citations name the
 * scenario's sources, glossary links resolve), each background brief runs to at least 1,500 words,
 * each teacher's guide has its plans, questions, misconceptions and assessment, and the glossary
 * covers the terms the issue names.
 */
const scenarios = loadAllShippedScenarios();
const historical = scenarios.filter((s) => s.history);
const files = readMaterialFiles();
const headings = (doc: MaterialDocument) =>
  doc.blocks
    .filter((b) => b.type === 'heading')
    .map((b) => (b.type === 'heading' ? plainText(b.children) : ''));

describe('the shipped teaching materials', () => {
  it('check out: known sources, known terms, every episode complete', () => {
    expect(
      checkMaterialSet(
        scenarios,
        files,
        historical.map((s) => s.id),
      ),
    ).toEqual([]);
  });

  it.each(historical.map((s) => [s.id] as const))(
    '%s: a brief of 1,500 words or more that cites its sources, roles for both sides, a full guide',
    (id) => {
      const m = materialsFor(id, files);
      expect(wordCount(m.background!)).toBeGreaterThanOrEqual(1500);
      const cites = [...inlinesOf(m.background!)].filter((x) => x.node.type === 'cite').length;
      expect(cites).toBeGreaterThanOrEqual(15);
      expect(headings(m.roles!).some((h) => h.startsWith('United States'))).toBe(true);
      expect(headings(m.roles!).some((h) => h.startsWith('China'))).toBe(true);
      const guide = headings(m['teacher-guide']!).join(' | ');
      for (const part of [
        'A 50-minute plan',
        'A 90-minute plan',
        'What to ask at each decision point',
        'Common misconceptions',
        'Short quiz',
        'Policy memo',
      ]) {
        expect(guide, `${id} teacher's guide has "${part}"`).toContain(part);
      }
    },
  );

  /** The offices a classroom's teams play, as the role briefs' headings name them. */
  const AGENCIES = {
    us: { 'Commerce/BIS': /Commerce/, USTR: /Trade Representative/, Treasury: /Treasury/, State: /State Department|Climate envoy/, NSC: /National Security Council|national-security|security agencies|Pentagon/, Congress: /Congress/ },
    china: { MOFCOM: /Ministry of Commerce/, NDRC: /NDRC|Development and Reform/, MIIT: /MIIT/, MFA: /Foreign Affairs|foreign ministry/, 'State Council': /State Council/ },
  };

  it.each(historical.map((s) => [s.id] as const))(
    '%s: role briefs for the agencies behind each side, each citing its sources',
    (id) => {
      const roles = materialsFor(id, files).roles!;
      const blocks = roles.blocks;
      const start = blocks.findIndex((b) => b.type === 'heading' && plainText(b.children).startsWith('The agencies behind each side'));
      expect(start, `${id} has the agencies section`).toBeGreaterThan(0);
      // Every brief from there on (up to the closing section for every team) cites at least one source.
      let briefs = 0;
      let cites = 0;
      const check = () => {
        if (briefs > 0) expect(cites, `${id}: brief ${briefs} cites a source`).toBeGreaterThan(0);
      };
      for (const b of blocks.slice(start + 1)) {
        if (b.type === 'heading' && b.level === 2 && plainText(b.children).startsWith('For every team')) break;
        if (b.type === 'heading' && b.level === 3) {
          check();
          briefs += 1;
          cites = 0;
        } else if (b.type !== 'heading') {
          cites += [...inlinesOf({ ...roles, blocks: [b] })].filter((x) => x.node.type === 'cite').length;
        }
      }
      check();
      expect(briefs, `${id}: agency briefs`).toBeGreaterThan(0);
      // Across the episode's briefs, most of the offices that sat behind each side have a team.
      const named = headings(roles).join(' | ');
      const us = Object.values(AGENCIES.us).filter((re) => re.test(named)).length;
      const china = Object.values(AGENCIES.china).filter((re) => re.test(named)).length;
      expect(us, `${id}: US offices briefed`).toBeGreaterThanOrEqual(3);
      expect(china, `${id}: Chinese offices briefed`).toBeGreaterThanOrEqual(2);
      expect(us + china, `${id}: offices briefed`).toBeGreaterThanOrEqual(6);
    },
  );

  it('has a glossary with the terms the scenarios use', () => {
    const glossary = glossaryOf(files)!;
    const ids = glossary.terms.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'fdpr',
        'ieepa',
        'section-301',
        'section-122',
        'section-232',
        'cfius',
        'entity-list',
        'unreliable-entity-list',
        'licensing-regime',
      ]),
    );
    // Every term is found somewhere in the scenarios or the materials, so screens can link it.
    const corpus = [...scenarios.map((s) => JSON.stringify(s)), ...files.map((f) => f.text)].join('\n');
    for (const t of glossary.terms) expect(findGlossaryTerms(corpus, [t]).length, t.id).toBeGreaterThan(0);
    for (const t of glossary.terms) expect(parseMaterial(t.definition).problems).toEqual([]);
  });
});
