/**
 * Teaching materials (background briefs, role briefs, teacher's guides, the glossary) are written
 * in a small, safe subset of Markdown and turned here into a typed tree that a view renders as
 * DOM text nodes. Nothing in the tree is HTML: a "<b>" in a file stays the four characters it is.
 *
 * The subset:
 * - `#`, `##`, `###` headings; paragraphs (lines joined until a blank line); `- ` or `* ` bullet
 *   lists and `1. ` numbered lists (one level; an indented line continues the item);
 * - `**strong**`, `*emphasis*` or `_emphasis_`; `[text](https://…)` links (http and https only);
 *   `[text](glossary:term-id)` links to a glossary entry; `[@source-id]` or `[@a; @b]` citations
 *   of the scenario's sources; a backslash escapes the next character.
 * Anything else is text. Pure: no DOM, no I/O.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'glossary'; term: string; children: Inline[] }
  | { type: 'cite'; sources: string[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; line: number; children: Inline[] }
  | { type: 'paragraph'; line: number; children: Inline[] }
  | { type: 'list'; ordered: boolean; line: number; items: Inline[][] };

export interface MaterialProblem {
  line: number;
  message: string;
}

export interface MaterialDocument {
  blocks: Block[];
  /** Syntax the subset does not allow (an unsafe link, an empty citation), each with its line. */
  problems: MaterialProblem[];
}

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;
const NUMBERED = /^\d{1,3}[.)]\s+(.*)$/;
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TERM_ID = SOURCE_ID;

/** Parse a Markdown-subset text into blocks. Line numbers count from 1. */
export function parseMaterial(text: string): MaterialDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const problems: MaterialProblem[] = [];
  let paragraph: { line: number; parts: string[] } | null = null;
  let list: { ordered: boolean; line: number; items: { line: number; parts: string[] }[] } | null = null;

  const inline = (parts: string[], line: number) => parseInline(parts.join(' '), line, problems);
  const flush = () => {
    if (paragraph)
      blocks.push({
        type: 'paragraph',
        line: paragraph.line,
        children: inline(paragraph.parts, paragraph.line),
      });
    if (list)
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        line: list.line,
        items: list.items.map((it) => inline(it.parts, it.line)),
      });
    paragraph = null;
    list = null;
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trimEnd();
    const trimmed = line.trim();
    if (trimmed === '') return flush();
    const heading = HEADING.exec(trimmed);
    if (heading && !/^\s/.test(line)) {
      flush();
      blocks.push({
        type: 'heading',
        level: heading[1]!.length as 1 | 2 | 3,
        line: n,
        children: parseInline(heading[2]!.trim(), n, problems),
      });
      return;
    }
    const bullet = /^\s/.test(line) ? null : BULLET.exec(trimmed);
    const numbered = bullet || /^\s/.test(line) ? null : NUMBERED.exec(trimmed);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph || (list && list.ordered !== ordered)) flush();
      if (!list) list = { ordered, line: n, items: [] };
      list.items.push({ line: n, parts: [(bullet ?? numbered)![1]!] });
      return;
    }
    if (list && /^\s/.test(line)) {
      list.items[list.items.length - 1]!.parts.push(trimmed);
      return;
    }
    if (list) flush();
    if (!paragraph) paragraph = { line: n, parts: [] };
    paragraph.parts.push(trimmed);
  });
  flush();
  return { blocks, problems };
}

/** Inline markup of one block's text. */
export function parseInline(text: string, line = 1, problems: MaterialProblem[] = []): Inline[] {
  return new InlineParser(text, line, problems).run();
}

class InlineParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly line: number,
    private readonly problems: MaterialProblem[],
  ) {}

  run(): Inline[] {
    return this.until(null);
  }

  /** Parse until `close` (a delimiter) or the end; returns null-terminated content. */
  private until(close: string | null): Inline[] {
    const out: Inline[] = [];
    let buf = '';
    const text = () => {
      if (buf) out.push({ type: 'text', text: buf });
      buf = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (close !== null && this.s.startsWith(close, this.i)) {
        text();
        this.i += close.length;
        return out;
      }
      if (c === '\\' && this.i + 1 < this.s.length) {
        buf += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '*' && this.s[this.i + 1] === '*') {
        const node = this.delimited('**', (children) => ({ type: 'strong', children }));
        if (node) {
          text();
          out.push(node);
          continue;
        }
      } else if ((c === '*' || c === '_') && this.opens(c)) {
        const node = this.delimited(c, (children) => ({ type: 'em', children }));
        if (node) {
          text();
          out.push(node);
          continue;
        }
      } else if (c === '[') {
        const node = this.bracket();
        if (node) {
          text();
          out.push(node);
          continue;
        }
      }
      buf += c;
      this.i += 1;
    }
    text();
    return out;
  }

  /** A single `*` or `_` opens emphasis only before a non-space, and `_` not inside a word. */
  private opens(c: string): boolean {
    const next = this.s[this.i + 1];
    if (next === undefined || /\s/.test(next)) return false;
    if (c === '_' && this.i > 0 && /[A-Za-z0-9]/.test(this.s[this.i - 1]!)) return false;
    return this.s.indexOf(c, this.i + 1) > this.i + 1;
  }

  private delimited(mark: string, make: (children: Inline[]) => Inline): Inline | null {
    const start = this.i;
    const end = this.findClose(mark, start + mark.length);
    if (end < 0) return null;
    const inner = new InlineParser(this.s.slice(start + mark.length, end), this.line, this.problems).run();
    this.i = end + mark.length;
    return make(inner);
  }

  /** The next unescaped `mark` after `from`, or -1. */
  private findClose(mark: string, from: number): number {
    for (let j = from; j < this.s.length; j++) {
      if (this.s[j] === '\\') {
        j += 1;
        continue;
      }
      if (!this.s.startsWith(mark, j)) continue;
      // In a run of three stars, "**" closes with the last two ("**b *c***").
      if (mark === '**' && this.s[j + 2] === '*') continue;
      if (mark === '*' && this.s[j + 1] === '*') continue;
      return j > from ? j : -1;
    }
    return -1;
  }

  /** `[@a; @b]` citations, or `[text](target)` links; null when it is neither (then it is text). */
  private bracket(): Inline | null {
    const start = this.i;
    const close = this.matching(start);
    if (close < 0) return null;
    const inside = this.s.slice(start + 1, close);
    if (inside.startsWith('@')) {
      const ids = inside.split(';').map((p) => p.trim().replace(/^@/, ''));
      if (ids.some((id) => !SOURCE_ID.test(id))) {
        this.problems.push({
          line: this.line,
          message: `a citation must be [@source-id] or [@a; @b], got "[${inside}]"`,
        });
        return null;
      }
      this.i = close + 1;
      return { type: 'cite', sources: ids };
    }
    if (this.s[close + 1] !== '(') return null;
    const end = this.s.indexOf(')', close + 2);
    if (end < 0) return null;
    const target = this.s.slice(close + 2, end).trim();
    const children = new InlineParser(inside, this.line, this.problems).run();
    this.i = end + 1;
    if (target.startsWith('glossary:')) {
      const term = target.slice('glossary:'.length);
      if (!TERM_ID.test(term)) {
        this.problems.push({ line: this.line, message: `a glossary link needs a term id, got "${target}"` });
        return { type: 'em', children };
      }
      return { type: 'glossary', term, children };
    }
    if (/^https?:\/\/[^\s]+$/i.test(target)) return { type: 'link', href: target, children };
    this.problems.push({
      line: this.line,
      message: `only http(s) and glossary: links are allowed, got "${target}"`,
    });
    // The link text survives as plain text; the target is dropped.
    return { type: 'em', children };
  }

  /** The `]` that closes the `[` at `start` (brackets may nest), or -1. */
  private matching(start: number): number {
    let depth = 0;
    for (let j = start; j < this.s.length; j++) {
      const c = this.s[j];
      if (c === '\\') {
        j += 1;
        continue;
      }
      if (c === '[') depth += 1;
      if (c === ']') {
        depth -= 1;
        if (depth === 0) return j;
      }
    }
    return -1;
  }
}

// --- reading the tree -------------------------------------------------------------------------

function* walkInlines(nodes: readonly Inline[]): Generator<Inline> {
  for (const n of nodes) {
    yield n;
    if ('children' in n) yield* walkInlines(n.children);
  }
}

/** Every inline node of a document, with the line of the block it is in. */
export function* inlinesOf(doc: MaterialDocument): Generator<{ node: Inline; line: number }> {
  for (const b of doc.blocks) {
    const groups = b.type === 'list' ? b.items : [b.children];
    for (const g of groups) for (const node of walkInlines(g)) yield { node, line: b.line };
  }
}

/** The plain text of inline nodes (citations left out). */
export function plainText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? n.text : n.type === 'cite' ? '' : plainText(n.children)))
    .join('');
}

/** Words of running text in a document (headings and citations left out), for length goals. */
export function wordCount(doc: MaterialDocument): number {
  let words = 0;
  for (const b of doc.blocks) {
    if (b.type === 'heading') continue;
    const groups = b.type === 'list' ? b.items : [b.children];
    for (const g of groups)
      words += plainText(g)
        .split(/\s+/)
        .filter((w) => /[A-Za-z0-9]/.test(w)).length;
  }
  return words;
}

/** The document's first heading, as plain text, or null. */
export function titleOf(doc: MaterialDocument): string | null {
  const h = doc.blocks.find((b) => b.type === 'heading');
  return h && h.type === 'heading' ? plainText(h.children) : null;
}

export interface ReferenceSets {
  /** Source ids a citation may name. */
  sources: ReadonlySet<string>;
  /** Glossary term ids a glossary link may name. */
  terms: ReadonlySet<string>;
}

/** Syntax problems, plus every citation of an unknown source and every link to an unknown term. */
export function checkMaterial(doc: MaterialDocument, refs: ReferenceSets): MaterialProblem[] {
  const problems = [...doc.problems];
  for (const { node, line } of inlinesOf(doc)) {
    if (node.type === 'cite') {
      for (const id of node.sources)
        if (!refs.sources.has(id)) problems.push({ line, message: `unknown source "${id}" in a citation` });
    } else if (node.type === 'glossary' && !refs.terms.has(node.term)) {
      problems.push({ line, message: `unknown glossary term "${node.term}"` });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

// --- glossary terms in running text -------------------------------------------------------------

export interface GlossaryTermRef {
  id: string;
  term: string;
  aliases?: readonly string[];
}

export interface TermMatch {
  start: number;
  end: number;
  term: string;
  /** The text as it appears. */
  text: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where glossary terms occur in a text, so a screen can link them: each term and alias matched
 * as a whole word (an all-capitals alias such as "FDPR" only in capitals, anything else in any
 * case), the longest match winning and matches never overlapping. `firstOnly` keeps the first
 * occurrence of each term, as a page links a term once.
 */
export function findGlossaryTerms(
  text: string,
  terms: readonly GlossaryTermRef[],
  firstOnly = false,
): TermMatch[] {
  const names = terms
    .flatMap((t) => [t.term, ...(t.aliases ?? [])].map((name) => ({ id: t.id, name })))
    .sort((a, b) => b.name.length - a.name.length);
  const found: TermMatch[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  for (const { id, name } of names) {
    const caps = name === name.toUpperCase() && /[A-Z]/.test(name);
    const re = new RegExp(`(?<![A-Za-z0-9])${escapeRe(name)}(?![A-Za-z0-9])`, caps ? 'g' : 'gi');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!taken(start, end)) found.push({ start, end, term: id, text: m[0] });
    }
  }
  found.sort((a, b) => a.start - b.start);
  if (!firstOnly) return found;
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.term) ? false : (seen.add(f.term), true)));
}

/** A text cut into plain runs and glossary-term runs, ready to render as text nodes and links. */
export function segmentByGlossary(
  text: string,
  terms: readonly GlossaryTermRef[],
  firstOnly = true,
): { text: string; term?: string }[] {
  const out: { text: string; term?: string }[] = [];
  let at = 0;
  for (const m of findGlossaryTerms(text, terms, firstOnly)) {
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: m.text, term: m.term });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
