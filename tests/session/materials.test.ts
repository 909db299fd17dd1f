import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { checkMaterialSet, materialPath, materialsFor } from '../../src/session/material-set';
import {
  checkMaterial,
  findGlossaryTerms,
  parseInline,
  parseMaterial,
  plainText,
  segmentByGlossary,
  titleOf,
  wordCount,
} from '../../src/session/materials';

describe('parseMaterial: the Markdown subset as a typed tree', () => {
  it('parses headings, paragraphs and both kinds of list, with line numbers', () => {
    const doc = parseMaterial(
      '# Title\n\nOne line\njoined.\n\n## Part\n- a\n  continued\n- b\n\n1. first\n2) second\n### Small',
    );
    expect(doc.problems).toEqual([]);
    expect(doc.blocks.map((b) => [b.type, b.line])).toEqual([
      ['heading', 1],
      ['paragraph', 3],
      ['heading', 6],
      ['list', 7],
      ['list', 11],
      ['heading', 13],
    ]);
    const para = doc.blocks[1]!;
    const bullets = doc.blocks[3]!;
    const numbers = doc.blocks[4]!;
    expect(para.type === 'paragraph' && plainText(para.children)).toBe('One line joined.');
    expect(bullets.type === 'list' && !bullets.ordered && bullets.items.map(plainText)).toEqual(['a continued', 'b']);
    expect(numbers.type === 'list' && numbers.ordered && numbers.items.length).toBe(2);
    expect(titleOf(doc)).toBe('Title');
  });

  it('parses strong, emphasis, links, glossary links and citations', () => {
    expect(parseInline('a **b *c*** _d_ [e](https://x.org/p?q=1) [FDPR](glossary:fdpr) [@s1; @s-2]')).toEqual(
      [
        { type: 'text', text: 'a ' },
        {
          type: 'strong',
          children: [
            { type: 'text', text: 'b ' },
            { type: 'em', children: [{ type: 'text', text: 'c' }] },
          ],
        },
        { type: 'text', text: ' ' },
        { type: 'em', children: [{ type: 'text', text: 'd' }] },
        { type: 'text', text: ' ' },
        { type: 'link', href: 'https://x.org/p?q=1', children: [{ type: 'text', text: 'e' }] },
        { type: 'text', text: ' ' },
        { type: 'glossary', term: 'fdpr', children: [{ type: 'text', text: 'FDPR' }] },
        { type: 'text', text: ' ' },
        { type: 'cite', sources: ['s1', 's-2'] },
      ],
    );
  });

  it('keeps HTML, unmatched marks, snake_case and escapes as plain text', () => {
    expect(parseInline('<b>x</b> <script>alert(1)</script>')).toEqual([
      { type: 'text', text: '<b>x</b> <script>alert(1)</script>' },
    ]);
    expect(parseInline('a * b and 2 * 3, snake_case_name, \\*not em\\*, [not a link]')).toEqual([
      { type: 'text', text: 'a * b and 2 * 3, snake_case_name, *not em*, [not a link]' },
    ]);
  });

  it('refuses unsafe links and malformed citations, keeping their text, and says where', () => {
    const doc = parseMaterial('ok\n\n[click](javascript:alert) and [x](data:text/html,hi) and [@bad id]');
    expect(doc.problems.map((p) => p.line)).toEqual([3, 3, 3]);
    expect(doc.problems[0]!.message).toMatch(/only http\(s\) and glossary: links/);
    expect(doc.problems[2]!.message).toMatch(/citation/);
    const text = JSON.stringify(doc.blocks);
    expect(text).not.toContain('javascript:');
    expect(text).toContain('click');
  });

  it('counts words of running text only', () => {
    expect(wordCount(parseMaterial('# Not counted\n\nOne two [@s] three.\n- four five'))).toBe(5);
  });

  it('checks citations and glossary links against what exists', () => {
    const doc = parseMaterial('See [@known] and [@unknown]; [term](glossary:fdpr), [other](glossary:nope).');
    expect(
      checkMaterial(doc, { sources: new Set(['known']), terms: new Set(['fdpr']) }).map((p) => p.message),
    ).toEqual(['unknown source "unknown" in a citation', 'unknown glossary term "nope"']);
  });
});

describe('glossary terms in running text', () => {
  const terms = [
    { id: 'fdpr', term: 'foreign direct product rule', aliases: ['FDPR', 'direct-product rule'] },
    { id: 'entity-list', term: 'Entity List' },
    { id: 's301', term: 'Section 301' },
  ];
  it('finds whole words, capitals-only acronyms in capitals, longest match first, without overlaps', () => {
    const text =
      'The FDPR extends the Entity List; the foreign direct product rule, not fdpr or FDPRs; Section 3011 is not Section 301.';
    expect(findGlossaryTerms(text, terms).map((m) => [m.term, m.text])).toEqual([
      ['fdpr', 'FDPR'],
      ['entity-list', 'Entity List'],
      ['fdpr', 'foreign direct product rule'],
      ['s301', 'Section 301'],
    ]);
    expect(findGlossaryTerms(text, terms, true).map((m) => m.term)).toEqual(['fdpr', 'entity-list', 's301']);
  });
  it('cuts a text into plain and linked runs that join back to the text', () => {
    const text = 'Under the entity list and the FDPR.';
    const runs = segmentByGlossary(text, terms);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.term).map((r) => r.term)).toEqual(['entity-list', 'fdpr']);
  });
});

describe('a material set', () => {
  const zte = loadShippedScenario('zte-2018');
  const glossary = {
    path: 'glossary.yaml',
    text: 'sources:\n  - { id: g1, title: T, publisher: P }\nterms:\n  - { id: fdpr, term: FDPR, definition: "A rule [@g1]." }\n',
  };
  it('accepts a good set and names every problem of a bad one', () => {
    const good = [
      glossary,
      { path: 'zte-2018/background.md', text: '# ZTE\n\nText [@carnegie-2022] and [FDPR](glossary:fdpr).' },
    ];
    expect(checkMaterialSet([zte], good)).toEqual([]);
    const bad = [
      { path: 'zte-2018/background.md', text: 'no heading [@nope] [x](glossary:zzz)' },
      { path: 'unknown-1/roles.md', text: '# X' },
      { path: 'zte-2018/notes.md', text: '# X' },
    ];
    const problems = checkMaterialSet([zte], bad, ['zte-2018']).map((p) => `${p.file}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'glossary.yaml: the glossary is missing',
        'zte-2018/background.md: a material needs a heading to give it a title',
        'zte-2018/background.md: unknown source "nope" in a citation',
        'zte-2018/background.md: unknown glossary term "zzz"',
        'unknown-1/roles.md: no scenario "unknown-1"',
        'zte-2018/notes.md: not a material file: expected <scenario-id>/background|roles|teacher-guide.md',
        'zte-2018/roles.md: the roles of zte-2018 is missing',
      ]),
    );
    expect(
      checkMaterialSet([zte], [{ path: 'glossary.yaml', text: 'terms: []' }])
        .map((p) => p.message)
        .join(' '),
    ).toMatch(/sources|term/);
  });
  it("finds and parses one episode's materials", () => {
    expect(materialPath('zte-2018/teacher-guide.md')).toEqual({
      scenario: 'zte-2018',
      kind: 'teacher-guide',
    });
    expect(materialPath('../x.md')).toBeNull();
    const m = materialsFor('zte-2018', [{ path: 'zte-2018/roles.md', text: '# Roles' }]);
    expect(m.roles && titleOf(m.roles)).toBe('Roles');
    expect(m.background).toBeNull();
  });
});
