import { parseMaterial, type Block, type Inline } from '../../session/materials';
import { h, safeHref } from '../dom';

/**
 * Markdown-subset text (help texts, teaching materials) as DOM: text nodes only, links only to
 * http(s) addresses; a glossary link or a citation is shown as its text.
 */

function inline(nodes: readonly Inline[]): Node[] {
  return nodes.map((n): Node => {
    switch (n.type) {
      case 'text':
        return document.createTextNode(n.text);
      case 'strong':
        return h('strong', null, ...inline(n.children));
      case 'em':
        return h('em', null, ...inline(n.children));
      case 'link': {
        const href = safeHref(n.href);
        return href
          ? h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, ...inline(n.children))
          : h('span', null, ...inline(n.children));
      }
      case 'glossary':
        return h('span', null, ...inline(n.children));
      case 'cite':
        return document.createTextNode(`[${n.sources.join('; ')}]`);
    }
  });
}

function block(b: Block, headingBase: 2 | 3): HTMLElement {
  switch (b.type) {
    case 'heading': {
      const level = Math.min(6, headingBase + b.level - 1) as 2 | 3 | 4 | 5 | 6;
      return h(`h${level}`, null, ...inline(b.children));
    }
    case 'paragraph':
      return h('p', null, ...inline(b.children));
    case 'list':
      return h(b.ordered ? 'ol' : 'ul', null, ...b.items.map((item) => h('li', null, ...inline(item))));
  }
}

/** The text's blocks, its top heading level shown as `headingBase` (h3 inside a section with an h2). */
export function materialText(text: string, headingBase: 2 | 3 = 3): HTMLElement[] {
  const doc = parseMaterial(text);
  const top = Math.min(3, ...doc.blocks.filter((b) => b.type === 'heading').map((b) => (b as { level: number }).level));
  return doc.blocks.map((b) =>
    b.type === 'heading' ? block({ ...b, level: Math.max(1, b.level - top + 1) as 1 | 2 | 3 }, headingBase) : block(b, headingBase),
  );
}
