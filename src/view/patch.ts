import { takeHandlers } from './dom';

/**
 * Bring a live DOM subtree to what a freshly built one shows, keeping the live nodes that are
 * alike (same tag and the same identity attributes): their text and attributes are set, their
 * `h` handlers replaced. A panel rebuilt whole on each move makes the browser style, lay out and
 * paint all of it again, and for a turn-based table most of it has not changed.
 *
 * The result has the fresh tree's markup (every attribute, every text) exactly; what it keeps of
 * the live nodes is what markup does not hold (focus, scroll offsets, a form control's state is
 * not kept: such controls are always replaced). Only for trees whose listeners come from `h`.
 */
export function patchChildren(live: Node, fresh: Node): void {
  let l = live.firstChild;
  for (let f = fresh.firstChild; f !== null; ) {
    const next = f.nextSibling;
    if (l !== null && alike(l, f)) {
      patchNode(l, f);
      l = l.nextSibling;
    } else if (l !== null && l.nextSibling !== null && alike(l.nextSibling, f)) {
      // A node taken out (a notice gone, a section no longer shown).
      const gone = l;
      l = l.nextSibling;
      live.removeChild(gone);
      patchNode(l, f);
      l = l.nextSibling;
    } else {
      // A node put in, or one unlike any here: the fresh one itself goes in.
      live.insertBefore(f, l);
    }
    f = next;
  }
  while (l !== null) {
    const gone = l;
    l = l.nextSibling;
    live.removeChild(gone);
  }
}

/** Attributes that say which thing an element is: elements differing in one are not patched into each other. */
const IDENTITY = ['id', 'data-key', 'data-keep'];
/** Elements whose state lives outside their markup (a value typed, a drawing): always replaced. */
const REPLACED = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'CANVAS', 'DIALOG']);

function alike(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  const x = a as Element;
  const y = b as Element;
  if (x.tagName !== y.tagName || x.namespaceURI !== y.namespaceURI || REPLACED.has(x.tagName)) return false;
  return IDENTITY.every((name) => x.getAttribute(name) === y.getAttribute(name));
}

function patchNode(live: Node, fresh: Node): void {
  if (live.nodeType !== Node.ELEMENT_NODE) {
    if (live.nodeValue !== fresh.nodeValue) live.nodeValue = fresh.nodeValue;
    return;
  }
  const l = live as Element;
  const f = fresh as Element;
  // A <details> the renderer keeps open or closed (data-keep) is left as the user has it.
  const keepOpen = l.tagName === 'DETAILS' && l.hasAttribute('data-keep');
  for (const name of l.getAttributeNames()) {
    if (!f.hasAttribute(name) && !(keepOpen && name === 'open')) l.removeAttribute(name);
  }
  for (const name of f.getAttributeNames()) {
    if (keepOpen && name === 'open') continue;
    const value = f.getAttribute(name)!;
    if (l.getAttribute(name) !== value) l.setAttribute(name, value);
  }
  takeHandlers(l, f);
  patchChildren(l, f);
}
