import { visibleText } from '../visible-text';
import { NAME_MAX_CHARS } from './protocol';

/**
 * Display names typed by students: untrusted text. They are cleaned to one line of visible
 * characters and length-limited here; every screen and file shows them as text (textContent, the
 * CSV writer), never as markup, so a name like `<b>x</b>` stays those seven characters.
 */

/** Something to see: a character that is neither a space nor a mark riding on another character. */
const VISIBLE = /[^\s\p{M}]/u;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** The name as the class keeps it, or why it cannot be used. */
export function cleanName(raw: string): NameCheck {
  const name = visibleText(raw);
  if (!VISIBLE.test(name)) return { ok: false, message: 'type a display name (letters you can see, not only spaces)' };
  const chars = [...name].length;
  if (chars > NAME_MAX_CHARS) return { ok: false, message: `a display name has at most ${NAME_MAX_CHARS} characters; this one has ${chars}` };
  return { ok: true, name };
}

/** Two names are the same seat's when they match ignoring case. */
export function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en') === b.toLocaleLowerCase('en');
}
