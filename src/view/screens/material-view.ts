import type { Source } from '../../core/types';
import { parseMaterial, segmentByGlossary, type MaterialDocument } from '../../session/materials';
import { h } from '../dom';
import { materialTree, type MaterialNode } from '../material-tree';
import type { Dispatch } from '../state/actions';
import type { ViewState } from '../state/app-state';
import { sourceCite } from './common';

/**
 * Teaching materials and glossary terms as DOM: elements made one by one, every piece of text a
 * text node, never HTML. A glossary term is a button that opens its definition in the glossary
 * dialog, so it works from the keyboard like any other button.
 */

/** A button that opens a glossary term's definition. */
export function termButton(term: string, label: string | Node[], dispatch: Dispatch): HTMLButtonElement {
  return h(
    'button',
    {
      class: 'term',
      attrs: { type: 'button', 'data-term': term, 'aria-haspopup': 'dialog', title: 'What this term means' },
      on: { click: () => dispatch({ type: 'open-glossary', term }) },
    },
    label,
  );
}

function toDom(node: MaterialNode, dispatch: Dispatch): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const children = node.children.map((c) => toDom(c, dispatch));
  if (node.tag === 'button') return termButton(node.term ?? '', children as Node[], dispatch);
  if (node.tag === 'a')
    return h('a', { attrs: { href: node.attrs.href, target: '_blank', rel: 'noopener noreferrer' } }, children as Node[]);
  return h(node.tag, { class: node.attrs.class }, children as Node[]);
}

/** A parsed material as a handout: its blocks, then the sources it cites, numbered. */
export function materialDom(doc: MaterialDocument, sourceOf: (id: string) => Source | null, dispatch: Dispatch): Node[] {
  // The document's own title repeats the screen's heading: leave it out, and its sections become h2.
  const titled = doc.blocks[0]?.type === 'heading' && doc.blocks[0].level === 1;
  const tree = materialTree(doc, sourceOf, titled);
  const blocks = titled ? tree.blocks.slice(1) : tree.blocks;
  const out: Node[] = blocks.map((b) => toDom(b, dispatch));
  if (tree.sources.length > 0)
    out.push(
      h('h3', { class: 'sources-title' }, 'Sources'),
      h('ol', { class: 'material-sources' }, ...tree.sources.map((s) => h('li', null, sourceCite(s.source, s.id)))),
    );
  return out;
}

/** A glossary definition (in the materials' Markdown subset) as DOM. */
export function definitionDom(text: string, sourceOf: (id: string) => Source | null, dispatch: Dispatch): Node[] {
  return materialDom(parseMaterial(text), sourceOf, dispatch);
}

/**
 * Links the glossary's terms in the running text of one screen: each term becomes a button the
 * first time it appears on the screen, the rest stays text. Make one per screen drawn.
 */
export function glossaryLinker(state: ViewState, dispatch: Dispatch): (text: string) => Node[] {
  const terms = state.lib?.history.materials.glossary?.terms ?? [];
  const seen = new Set<string>();
  return (text) => {
    if (terms.length === 0) return [document.createTextNode(text)];
    return segmentByGlossary(text, terms, false).map((seg) => {
      if (seg.term === undefined || seen.has(seg.term)) return document.createTextNode(seg.text);
      seen.add(seg.term);
      return termButton(seg.term, seg.text, dispatch);
    });
  };
}
