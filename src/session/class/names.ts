import { NAME_MAX_CHARS } from './protocol';

/**
 * Display names typed by students: untrusted text. They are cleaned to one line of visible
 * characters and length-limited here; every screen and file shows them as text (textContent, the
 * CSV writer), never as markup, so a name like `<b>x</b>` stays those seven characters.
 */

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
/**
 * Characters that show nothing on their own and are not spaces: every other format character
 * (bidirectional isolates U+2066–2069, tag characters, the Arabic letter mark…), a lone surrogate,
 * and the blank "letters" (Hangul fillers, the blank braille pattern) that make a name look empty.
 */
const BLANK = /[\p{Cf}\p{Cs}\u115f\u1160\u2800\u3164\uffa0]/gu;
/** Something to see: a character that is neither a space nor a mark riding on another character. */
const VISIBLE = /[^\s\p{M}]/u;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** The name as the class keeps it, or why it cannot be used. */
export function cleanName(raw: string): NameCheck {
  const name = raw.normalize('NFC').replace(INVISIBLE, ' ').replace(BLANK, ' ').replace(/\s+/g, ' ').trim();
  if (!VISIBLE.test(name)) return { ok: false, message: 'type a display name (letters you can see, not only spaces)' };
  const chars = [...name].length;
  if (chars > NAME_MAX_CHARS) return { ok: false, message: `a display name has at most ${NAME_MAX_CHARS} characters; this one has ${chars}` };
  return { ok: true, name };
}

/** Two names are the same seat's when they match ignoring case. */
export function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en') === b.toLocaleLowerCase('en');
}
