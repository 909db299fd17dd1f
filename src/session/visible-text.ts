/**
 * Untrusted text (a student's name, typed or read from a pasted list) as one line of what it
 * shows. No imports: the page's first chunk reads names with it.
 */

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
/**
 * Characters that show nothing on their own and are not spaces: every other format character
 * (bidirectional isolates U+2066–2069, tag characters, the Arabic letter mark…), a lone surrogate,
 * and the blank "letters" (Hangul fillers, the blank braille pattern) that make a name look empty.
 */
const BLANK = /[\p{Cf}\p{Cs}\u115f\u1160\u2800\u3164\uffa0]/gu;
/**
 * Marks stacked on one character beyond this many are dropped. Names in any script need few (a
 * Vietnamese or Thai letter two, a Tibetan stack three); a name of one letter and 39 accents
 * ("Zalgo" text) drew a tower over the rows above and below it on the roster and the dashboard.
 */
export const MAX_MARKS_PER_CHARACTER = 4;
const STACKED_MARKS = new RegExp(`(\\p{M}{${MAX_MARKS_PER_CHARACTER}})\\p{M}+`, 'gu');

/**
 * Untrusted text as one line of what it shows: NFC, control, format (bidirectional overrides and
 * isolates, zero-width characters) and blank characters turned into spaces, marks stacked past
 * MAX_MARKS_PER_CHARACTER dropped, spaces collapsed and trimmed.
 */
export function visibleText(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, ' ').replace(BLANK, ' ').replace(STACKED_MARKS, '$1').replace(/\s+/g, ' ').trim();
}

