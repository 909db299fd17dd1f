import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseJoinCode } from './protocol';

/**
 * Join codes, teacher keys and seat keys. The randomness comes from the edge (the server passes
 * crypto.getRandomValues): the session never draws its own.
 */

/** `n` random bytes, from a cryptographic source at the edge. */
export type RandomBytes = (n: number) => Uint8Array;

/** A join code: JOIN_CODE_LENGTH characters of the unambiguous alphabet, drawn without modulo bias. */
export function makeJoinCode(random: RandomBytes): string {
  const alphabet = JOIN_CODE_ALPHABET;
  // Bytes at or above the largest multiple of the alphabet's size are drawn again.
  const limit = 256 - (256 % alphabet.length);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of random(JOIN_CODE_LENGTH * 2)) {
      if (byte < limit && code.length < JOIN_CODE_LENGTH) code += alphabet[byte % alphabet.length];
    }
  }
  return code;
}

/** Bits of entropy of a join code. */
export const JOIN_CODE_BITS = JOIN_CODE_LENGTH * Math.log2(JOIN_CODE_ALPHABET.length);

/** A secret of `bytes` random bytes as base64url text (teacher keys: 24 bytes; seat keys: 12). */
export function makeKey(random: RandomBytes, bytes: number): string {
  const b = random(bytes);
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((b.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += table[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Whether a typed code could be a join code at all (before it is looked up). */
export function isJoinCodeShape(code: string): boolean {
  const c = normaliseJoinCode(code);
  return c.length === JOIN_CODE_LENGTH && [...c].every((ch) => JOIN_CODE_ALPHABET.includes(ch));
}

/** Comparing secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
