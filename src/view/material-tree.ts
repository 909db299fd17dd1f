import type { Source } from '../core/types';
import type { Block, Inline, MaterialDocument } from '../session/materials';

/**
 * A teaching material (parsed by session/materials.ts) as a tree of the few elements a screen
 * may build from it, before any DOM exists: text stays strings (so markup in a file stays the
 * characters it is), a link keeps its address only when it is http(s), a glossary link becomes
 * a button naming its term, and citations become numbered references to a list of the sources
 * at the end, as a printed handout has them. Pure, so it is tested in Node; material-dom.ts
 * turns it into elements with text nodes only.
 */

export type MaterialTag = 'h2' | 'h3' | 'h4' | 'p' | 'ul' | 'ol' | 'li' | 'strong' | 'em' | 'a' | 'button' | 'sup';

export interface MaterialElement {
  tag: MaterialTag;
  /** Only `href` (an http(s) address), `class`, and data- attributes ever appear here. */
  attrs: Record<string, string>;
  /** For a glossary button: the term it opens. */
  term?: string;
  children: MaterialNode[];
}

export type MaterialNode = MaterialElement | string;

export interface MaterialTree {
  blocks: MaterialElement[];
  /** The sources cited, in order of first citation: reference [n] is `sources[n - 1]`. */
  sources: { id: string; source: Source | null }[];
}

/** An http(s) address as a normalised URL, or null: anything else (javascript:, data:, relative) is not a link. */
export function webHref(target: string): string | null {
  const t = target.trim();
  if (!/^https?:\/\//i.test(t)) return null;
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const el = (tag: MaterialTag, children: MaterialNode[], attrs: Record<string, string> = {}): MaterialElement => ({
  tag,
  attrs,
  children,
});

/** Headings start at h2: the screen's own title is the page's h1. */
const HEADING_TAG = { 1: 'h2', 2: 'h3', 3: 'h4' } as const;

/** `titled`: the screen's own heading already says the document's `#` title, so `##` sections are h2. */
export function materialTree(doc: MaterialDocument, sourceOf: (id: string) => Source | null, titled = false): MaterialTree {
  const cited: { id: string; source: Source | null }[] = [];
  const number = (id: string): number => {
    const at = cited.findIndex((c) => c.id === id);
    if (at >= 0) return at + 1;
    cited.push({ id, source: sourceOf(id) });
    return cited.length;
  };

  const inline = (nodes: readonly Inline[]): MaterialNode[] =>
    nodes.map((n): MaterialNode => {
      switch (n.type) {
        case 'text':
          return n.text;
        case 'strong':
          return el('strong', inline(n.children));
        case 'em':
          return el('em', inline(n.children));
        case 'link': {
          const href = webHref(n.href);
          return href ? el('a', inline(n.children), { href }) : el('em', inline(n.children));
        }
        case 'glossary':
          return { ...el('button', inline(n.children), { class: 'term' }), term: n.term };
        case 'cite':
          return el('sup', [`[${n.sources.map(number).join(', ')}]`], { class: 'cite-ref' });
      }
    });

  const block = (b: Block): MaterialElement => {
    switch (b.type) {
      case 'heading':
        return el(titled ? (b.level === 3 ? 'h3' : 'h2') : HEADING_TAG[b.level], inline(b.children));
      case 'paragraph':
        return el('p', inline(b.children));
      case 'list':
        return el(
          b.ordered ? 'ol' : 'ul',
          b.items.map((item) => el('li', inline(item))),
        );
    }
  };

  const blocks = doc.blocks.map(block);
  return { blocks, sources: cited };
}
