import { isJoinCodeShape } from './codes';
import { JOIN_CODE_LENGTH, normaliseJoinCode } from './protocol';

/**
 * A class's join link: the address the teacher's screen prints and puts in its QR code, with the
 * class code as `?join=CODE`. Opening it puts a student on the join screen with the code filled
 * in. The parameter is untrusted text: a code that cannot be a class code is answered with a
 * sentence naming the problem (shown as text), never used.
 */

export const JOIN_PARAMETER = 'join';

export type JoinLinkReading = { kind: 'none' } | { kind: 'join'; code: string } | { kind: 'invalid'; problem: string };

/** The query string of a class's join link (to append to the game's address). */
export function joinLinkQuery(code: string): string {
  return `?${JOIN_PARAMETER}=${encodeURIComponent(code)}`;
}

const shown = (text: string) => JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);

/** What a page address's query asks of the class screens: nothing (no `join`), a code to fill in, or why the link is wrong. */
export function readJoinLink(query: string): JoinLinkReading {
  const params = parameters(query.length > 2_000 ? '' : query);
  const values = params.filter(([k]) => k === JOIN_PARAMETER).map(([, v]) => v);
  if (values.length === 0) return { kind: 'none' };
  if (values.length > 1) return { kind: 'invalid', problem: `This class link gives the class code ${values.length} times: type the code your teacher shows.` };
  const other = params.find(([k]) => k !== JOIN_PARAMETER);
  if (other) return { kind: 'invalid', problem: `This class link has a parameter a class link does not take (${shown(other[0])}): type the code your teacher shows.` };
  const raw = values[0]!.trim();
  if (raw === '') return { kind: 'invalid', problem: 'This class link has no class code in it: type the code your teacher shows.' };
  const code = normaliseJoinCode(raw);
  if (!isJoinCodeShape(code))
    return { kind: 'invalid', problem: `This class link’s code ${shown(raw)} is not a class code: a class code has ${JOIN_CODE_LENGTH} letters and digits, without 0, O, 1, I, L or U. Type the code your teacher shows.` };
  return { kind: 'join', code };
}

/** A query's key-value pairs, in order; a part that is not valid URL encoding is kept as typed. */
function parameters(query: string): [string, string][] {
  const text = query.startsWith('?') ? query.slice(1) : query;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return text
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}
