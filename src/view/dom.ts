import { fmt, isWebLink, signed } from '../session/format';

/**
 * DOM helpers. Every piece of text goes in as a text node: scenario files are untrusted, so
 * nothing here ever parses HTML.
 */

type Child = Node | string | number | null | undefined | false;
export type Children = Child | Child[];

export interface Props {
  class?: string;
  id?: string;
  /** Attributes, e.g. aria-*, type, for, href (see safeHref for links from scenario data). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  /** For inputs and textareas. */
  value?: string;
  checked?: boolean;
  disabled?: boolean;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Children[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.id) el.id = props.id;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const [type, handler] of Object.entries(props.on ?? {})) listen(el, type, handler as EventListener);
    if (props.value !== undefined) (el as HTMLInputElement).value = props.value;
    if (props.checked !== undefined) (el as HTMLInputElement).checked = props.checked;
    if (props.value !== undefined || props.checked !== undefined) built.set(el, { value: props.value ?? '', checked: props.checked ?? false });
    if (props.disabled !== undefined) (el as HTMLButtonElement).disabled = props.disabled;
  }
  append(el, children);
  return el;
}

/** The value and checked state `h` gave a form control: what the view put there, before the user. */
const built = new WeakMap<Element, { value: string; checked: boolean }>();

/** What the view built a form control with (a select: its option marked selected, else its first). */
export function builtStateOf(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): { value: string; checked: boolean } {
  if (el instanceof HTMLSelectElement) {
    const options = [...el.options];
    return { value: (options.find((o) => o.defaultSelected) ?? options[0])?.value ?? '', checked: false };
  }
  return built.get(el) ?? { value: '', checked: false };
}

/**
 * The handlers `h` gave each element, called through one listener per event type: a panel
 * patched in place (patch.ts) keeps its elements and takes the handlers of the fresh ones.
 */
const handlers = new WeakMap<Element, Map<string, EventListener>>();

function callHandler(this: Element, event: Event): void {
  handlers.get(this)?.get(event.type)?.call(this, event);
}

function listen(el: Element, type: string, handler: EventListener): void {
  let own = handlers.get(el);
  if (!own) handlers.set(el, (own = new Map()));
  if (!own.has(type)) el.addEventListener(type, callHandler);
  own.set(type, handler);
}

/** Give `target` the handlers `h` gave `source` (and none of its own others). */
export function takeHandlers(target: Element, source: Element): void {
  const own = handlers.get(target);
  const theirs = handlers.get(source);
  if (own) for (const type of own.keys()) if (!theirs?.has(type)) own.delete(type);
  if (theirs) for (const [type, handler] of theirs) listen(target, type, handler);
}

export function append(el: Node, children: Children[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A button; `key` gives it a stable identity so focus can be restored after a re-render. */
export function button(label: Children, onClick: () => void, options: { class?: string; key?: string; attrs?: Props['attrs']; disabled?: boolean } = {}): HTMLButtonElement {
  return h(
    'button',
    {
      class: options.class,
      attrs: { type: 'button', 'data-key': options.key, ...options.attrs },
      on: { click: onClick },
      ...(options.disabled !== undefined ? { disabled: options.disabled } : {}),
    },
    label,
  );
}

/** Only http(s) links from scenario data become links; anything else stays text. */
export function safeHref(url: string | undefined): string | null {
  if (!isWebLink(url)) return null;
  try {
    return new URL(url.trim()).href;
  } catch {
    return null;
  }
}

/** Offer a text as a file download. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { attrs: { href: url, download: name } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { fmt, signed };

/** The header of a column of text: aligned left, as its cells (class `text`) are; numbers stay right. */
export function textHead(label: Children): HTMLTableCellElement {
  return h('th', { class: 'text', attrs: { scope: 'col' } }, label);
}

/** A table head of column headers (a label, or a `textHead`); a null label leaves its column out. */
export function columnHeads(...labels: (Children | HTMLTableCellElement | null)[]): HTMLTableSectionElement {
  const head = (l: Children | HTMLTableCellElement) => (l instanceof Node && l.nodeName === 'TH' ? l : h('th', { attrs: { scope: 'col' } }, l));
  return h('thead', null, h('tr', null, ...labels.filter((l) => l !== null).map(head)));
}
