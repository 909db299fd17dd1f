import { dict } from './dict';
import { checkOptions } from './engine';
import { canonicalPackage } from './rules';
import { gameSpecSchema } from './schema/game';
import { LIMITS } from './schema/limits';
import { quote, thousands } from './schema/primitives';
import { formatPath, schemaProblems } from './schema/problems';
import type { AiPlayer, GameOptions, GameSpec, Move, MoveType, Scenario, Side } from './types';
import { AI_PLAYERS, MOVE_TYPES, SIDES } from './types';

/**
 * Result codes: a game (scenario id + version, seed, options, moves) as a compact URL-safe
 * string, never its outcome, which anyone can recompute by replaying it. Layout:
 *
 *   "bc" <format version> "-" base64url( varint(payload length) payload crc32(payload) )
 *
 * Moves and options are stored as indices into the scenario, so decoding needs the scenario.
 * CRC-32 catches every change of up to 32 consecutive bits, so any single changed character
 * is caught; the decoder also insists on the one canonical spelling of the prefix and the bytes.
 * The players are two bits a side (AI_PLAYERS: easy, normal, hard, random); codes made before
 * the random player was recorded never used the fourth value, so they read as they always did.
 *
 * Format version 2 is version 1 with one more option after the others: the teacher-set deadline
 * (`rounds`, a varint). A game without it is still written as version 1, so every code made
 * before keeps its spelling and verifies; a version 2 code is written only for a game that sets it.
 * From version 2 on the checksum also covers the version (a byte before the payload), so a code
 * whose prefix was changed from one version to the other is caught as altered, not misread.
 */
export const RESULT_CODE_VERSION = 1;
/** The format versions this build reads: 1, and 2 (version 1 plus the deadline in rounds). */
export const RESULT_CODE_VERSIONS = [1, 2] as const;
const ROUNDS_VERSION = 2;
const PREFIX = 'bc';

export class ResultCodeError extends Error {
  constructor(
    readonly problem: 'not-a-code' | 'unknown-version' | 'truncated' | 'altered' | 'unknown-scenario' | 'scenario-version' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ResultCodeError';
  }
}

// --- bytes ------------------------------------------------------------------------------------

/** UTF-8 through the URI functions, which the core's ES2022 library has (TextEncoder is a web API). */
export function utf8Encode(s: string): number[] {
  const escaped = encodeURIComponent(s);
  const out: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      out.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(escaped.charCodeAt(i));
    }
  }
  return out;
}

export function utf8Decode(bytes: Uint8Array): string | null {
  let escaped = '';
  for (const b of bytes) escaped += `%${b.toString(16).padStart(2, '0')}`;
  try {
    return decodeURIComponent(escaped);
  } catch {
    return null;
  }
}

class Writer {
  private readonly bytes: number[] = [];
  varint(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new Error(`cannot encode ${n} as a varint`);
    while (n >= 0x80) {
      this.bytes.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.bytes.push(n);
  }
  byte(n: number): void {
    this.bytes.push(n & 0xff);
  }
  string(s: string): void {
    const encoded = utf8Encode(s);
    this.varint(encoded.length);
    for (const b of encoded) this.bytes.push(b);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new ResultCodeError('invalid', 'the code does not describe a game: its data ends too early');
  }
  byte(): number {
    this.need(1);
    return this.bytes[this.at++]!;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return n;
      scale *= 0x80;
    }
    throw new ResultCodeError('invalid', 'the code does not describe a game: a number in it is too long');
  }
  string(): string {
    const length = this.varint();
    this.need(length);
    const slice = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    const text = utf8Decode(slice);
    if (text === null) throw new ResultCodeError('invalid', 'the code does not describe a game: a text in it is not valid UTF-8');
    return text;
  }
  get remaining(): number {
    return this.bytes.length - this.at;
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = bytes.length - i >= 3 ? 4 : bytes.length - i + 1;
    for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** The bytes a base64url text spells (the unused bits of its last character are ignored), or null. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const v = j < chunk.length ? ALPHABET.indexOf(chunk[j]!) : 0;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    const bytes = chunk.length - 1;
    for (let j = 0; j < bytes; j++) out.push((n >> (16 - 8 * j)) & 0xff);
  }
  return Uint8Array.from(out);
}

// --- games ------------------------------------------------------------------------------------

const SIDE_BIT: Record<Side, number> = { us: 1, china: 2 };

function playerIndex(player: AiPlayer): number {
  return AI_PLAYERS.indexOf(player);
}

function issueIndex(scenario: Scenario, issueId: string): number {
  const i = scenario.issues.findIndex((x) => x.id === issueId);
  if (i < 0) throw new Error(`unknown issue "${issueId}"`);
  return i;
}

function positionIndex(scenario: Scenario, issueId: string, positionId: string): number {
  const i = scenario.issues[issueIndex(scenario, issueId)]!.positions.findIndex((p) => p.id === positionId);
  if (i < 0) throw new Error(`issue "${issueId}" has no position "${positionId}"`);
  return i;
}

function writeOptions(w: Writer, scenario: Scenario, options: GameOptions): void {
  const humans = options.humans.reduce((bits, side) => bits | SIDE_BIT[side], 0);
  const hasProfiles = options.profiles !== undefined && Object.keys(options.profiles).length > 0;
  const hasBranch = options.branchStep !== undefined;
  w.byte(humans | (playerIndex(options.difficulty.us) << 2) | (playerIndex(options.difficulty.china) << 4) | (hasProfiles ? 64 : 0) | (hasBranch ? 128 : 0));
  for (const side of SIDES) w.varint(scenario.doctrines.findIndex((d) => d.id === options.doctrines[side]));
  if (hasProfiles) {
    for (const side of SIDES) {
      const id = options.profiles?.[side];
      w.varint(id === undefined ? 0 : scenario.profiles.findIndex((p) => p.id === id) + 1);
    }
  }
  if (hasBranch) w.varint(options.branchStep!);
  if (options.rounds !== undefined) w.varint(options.rounds);
}

function readOptions(r: Reader, scenario: Scenario, version: number): GameOptions {
  const flags = r.byte();
  const humans = SIDES.filter((side) => (flags & SIDE_BIT[side]) !== 0);
  // Two bits name one of exactly four players, so every value is one.
  const player = (bits: number): AiPlayer => AI_PLAYERS[bits & 3]!;
  const doctrine = (side: Side): string => {
    const d = scenario.doctrines[r.varint()];
    if (!d || d.side !== side) throw new ResultCodeError('invalid', `the code names a doctrine for ${side} that ${scenario.id} does not have`);
    return d.id;
  };
  const options: GameOptions = {
    doctrines: { us: doctrine('us'), china: doctrine('china') },
    humans,
    difficulty: { us: player(flags >> 2), china: player(flags >> 4) },
  };
  if (flags & 64) {
    const profiles: { us?: string; china?: string } = {};
    for (const side of SIDES) {
      const index = r.varint();
      if (index === 0) continue;
      const p = scenario.profiles[index - 1];
      if (!p || p.side !== side) throw new ResultCodeError('invalid', `the code names a profile for ${side} that ${scenario.id} does not have`);
      profiles[side] = p.id;
    }
    options.profiles = profiles;
  }
  if (flags & 128) options.branchStep = r.varint();
  if (version >= ROUNDS_VERSION) options.rounds = r.varint();
  return options;
}

function writeMove(w: Writer, scenario: Scenario, move: Move): void {
  w.byte(MOVE_TYPES.indexOf(move.type) * 2 + (move.side === 'china' ? 1 : 0));
  if (move.type === 'propose') {
    const pkg = canonicalPackage(scenario, move.package);
    const entries = Object.entries(pkg);
    w.varint(entries.length);
    for (const [issueId, positionId] of entries) {
      w.varint(issueIndex(scenario, issueId));
      w.varint(positionIndex(scenario, issueId, positionId));
    }
  } else if (move.type === 'impose' || move.type === 'threaten') {
    w.varint(issueIndex(scenario, move.issue));
    w.varint(positionIndex(scenario, move.issue, move.position));
  } else if (move.type === 'event') {
    const index = scenario.events.findIndex((e) => e.id === move.event);
    if (index < 0) throw new Error(`${scenario.id} has no event "${move.event}"`);
    w.varint(index);
  }
}

function readIssuePosition(r: Reader, scenario: Scenario, n: number): [string, string] {
  const issue = scenario.issues[r.varint()];
  if (!issue) throw new ResultCodeError('invalid', `move ${n}: the code names an issue that ${scenario.id} does not have`);
  const position = issue.positions[r.varint()];
  if (!position) throw new ResultCodeError('invalid', `move ${n}: the code names a position of "${issue.id}" that ${scenario.id} does not have`);
  return [issue.id, position.id];
}

function readMove(r: Reader, scenario: Scenario, n: number): Move {
  const head = r.byte();
  const type: MoveType | undefined = MOVE_TYPES[head >> 1];
  if (!type) throw new ResultCodeError('altered', `move ${n}: unknown move type`);
  const side: Side = head & 1 ? 'china' : 'us';
  switch (type) {
    case 'propose': {
      const count = r.varint();
      if (count > scenario.issues.length) throw new ResultCodeError('invalid', `move ${n}: the code names ${count} issues, but ${scenario.id} has ${scenario.issues.length}`);
      const pkg = dict<string>();
      for (let i = 0; i < count; i++) {
        const [issue, position] = readIssuePosition(r, scenario, n);
        pkg[issue] = position;
      }
      return { type, side, package: pkg };
    }
    case 'impose':
    case 'threaten': {
      const [issue, position] = readIssuePosition(r, scenario, n);
      return { type, side, issue, position };
    }
    case 'event': {
      const event = scenario.events[r.varint()];
      if (!event) throw new ResultCodeError('invalid', `move ${n}: the code names an event that ${scenario.id} does not have`);
      return { type, side, event: event.id };
    }
    default:
      return { type, side } as Move;
  }
}

export function encodeResult(spec: GameSpec, scenario: Scenario): string {
  if (spec.scenario.id !== scenario.id || spec.scenario.version !== scenario.version) {
    throw new Error(`the game is of ${spec.scenario.id} v${spec.scenario.version}, not ${scenario.id} v${scenario.version}`);
  }
  const w = new Writer();
  w.string(scenario.id);
  w.varint(scenario.version);
  w.string(spec.seed);
  writeOptions(w, scenario, spec.options);
  w.varint(spec.moves.length);
  for (const move of spec.moves) writeMove(w, scenario, move);
  const payload = w.done();
  const framed = new Writer();
  framed.varint(payload.length);
  const head = framed.done();
  const version = spec.options.rounds === undefined ? RESULT_CODE_VERSION : ROUNDS_VERSION;
  const crc = checksum(payload, version);
  const bytes = new Uint8Array(head.length + payload.length + 4);
  bytes.set(head, 0);
  bytes.set(payload, head.length);
  bytes.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], head.length + payload.length);
  return `${PREFIX}${version}-${toBase64Url(bytes)}`;
}

/** The header of a code's bytes: the declared payload length and how many bytes say it, or null if they run out first. */
function header(bytes: Uint8Array): { declared: number; headLength: number } | null {
  let declared = 0;
  let scale = 1;
  for (let i = 0; i < Math.min(bytes.length, 8); i++) {
    declared += (bytes[i]! & 0x7f) * scale;
    if ((bytes[i]! & 0x80) === 0) return { declared, headLength: i + 1 };
    scale *= 0x80;
  }
  return null;
}

/** A payload's checksum: version 1's covers the payload alone (as it always did), later ones the version byte too. */
function checksum(payload: Uint8Array, version: number): number {
  if (version === RESULT_CODE_VERSION) return crc32(payload);
  const covered = new Uint8Array(payload.length + 1);
  covered[0] = version;
  covered.set(payload, 1);
  return crc32(covered);
}

/** The most bytes a code of the longest length spells (four base64 characters to three bytes). */
const MAX_CODE_BYTES = Math.floor((LIMITS.codeChars * 3) / 4);

function checksumHolds(bytes: Uint8Array, headLength: number, declared: number, version: number): boolean {
  const payload = bytes.subarray(headLength, headLength + declared);
  const tail = bytes.subarray(headLength + declared);
  const stored = ((tail[0]! << 24) | (tail[1]! << 16) | (tail[2]! << 8) | tail[3]!) >>> 0;
  return stored === checksum(payload, version);
}

/** Whether a code's body spells whole data: canonical base64url, its declared length, its checksum. */
function isWhole(body: string, version: number): boolean {
  const bytes = fromBase64Url(body);
  const head = bytes && header(bytes);
  if (!bytes || !head || toBase64Url(bytes) !== body || bytes.length !== head.headLength + head.declared + 4) return false;
  return checksumHolds(bytes, head.headLength, head.declared, version);
}

/**
 * Whether changing one of the first characters (those that spell the declared length) makes the
 * code whole: then its length was altered, not its end cut off. A cut code's last bytes are not
 * a checksum of the rest, so this almost never holds for one (about once in four billion).
 */
function lengthWasAltered(body: string, version: number): boolean {
  for (let i = 0; i < Math.min(4, body.length); i++) {
    for (const c of ALPHABET) {
      if (c === body[i]) continue;
      const bytes = fromBase64Url(body.slice(0, i) + c + body.slice(i + 1));
      const head = bytes && header(bytes);
      if (!bytes || !head || bytes.length !== head.headLength + head.declared + 4) continue;
      if (checksumHolds(bytes, head.headLength, head.declared, version)) return true;
    }
  }
  return false;
}

/**
 * Decode a result code against the scenarios this build knows. Throws ResultCodeError saying
 * whether the code is truncated, altered, of an unknown format version, of an unknown scenario
 * (or another version of a known one), or names a game this scenario cannot have. A code is
 * truncated when characters are missing at its end, altered when it has its length but other
 * characters (or extra ones).
 */
export function decodeResult(code: string, findScenario: (id: string) => Scenario | undefined): GameSpec {
  const text = code.trim();
  if (text.length > LIMITS.codeChars) {
    throw new ResultCodeError('not-a-code', `this is too long to be a result code (${thousands(text.length)} characters; a code has at most ${thousands(LIMITS.codeChars)})`);
  }
  const match = /^bc(\d+)-(.*)$/s.exec(text);
  if (!match) throw new ResultCodeError('not-a-code', `this is not a Bargaining Chips result code (they start with "${PREFIX}${RESULT_CODE_VERSION}-")`);
  const digits = match[1]!;
  const version = RESULT_CODE_VERSIONS.find((v) => String(v) === digits);
  if (version === undefined) {
    const near = RESULT_CODE_VERSIONS.find((v) => v === Number(digits));
    if (near !== undefined) {
      throw new ResultCodeError('altered', `the code has been altered: it starts with ${quote(`${PREFIX}${digits}-`)}, but result codes start with "${PREFIX}${near}-"`);
    }
    throw new ResultCodeError('unknown-version', `result code format version ${quote(digits, 12).replace(/"/g, '')} is unknown: this game reads versions ${RESULT_CODE_VERSIONS.join(' and ')}`);
  }
  const body = match[2]!;
  const bad = /[^A-Za-z0-9_-]/.exec(body);
  if (bad) {
    throw new ResultCodeError('altered', `the code has been altered: it contains characters a result code never has (${quote(bad[0])} at character ${PREFIX.length + digits.length + 2 + bad.index})`);
  }
  if (body.length % 4 === 1) {
    // No code has this length: a character is missing at its end, or one was added.
    if (isWhole(body.slice(0, -1), version)) throw new ResultCodeError('altered', 'the code has been altered: a character was added at its end');
    throw new ResultCodeError('truncated', 'the code is truncated: characters are missing at its end');
  }
  const bytes = fromBase64Url(body);
  const head = bytes && header(bytes);
  if (!bytes || !head) throw new ResultCodeError('truncated', 'the code is truncated: characters are missing at its end');
  const { declared, headLength } = head;
  const expected = headLength + declared + 4;
  if (bytes.length < expected) {
    if (lengthWasAltered(body, version)) throw new ResultCodeError('altered', 'the code has been altered: one of its first characters was changed');
    // No code this game writes declares more data than the longest code can carry: a header
    // like that is not a game's length, and its byte count would mean nothing to the reader.
    if (expected > MAX_CODE_BYTES) throw new ResultCodeError('not-a-code', 'this is not a result code from this game: it is too short, or damaged at its start');
    throw new ResultCodeError('truncated', `the code is truncated: it should carry ${expected} bytes of game data but has ${bytes.length}`);
  }
  if (bytes.length > expected) throw new ResultCodeError('altered', 'the code has been altered: it is longer than the game it declares');
  if (toBase64Url(bytes) !== body) throw new ResultCodeError('altered', 'the code has been altered: its last character was changed');
  if (!checksumHolds(bytes, headLength, declared, version)) throw new ResultCodeError('altered', 'the code has been altered: its checksum does not match');

  const r = new Reader(bytes.subarray(headLength, headLength + declared));
  const scenarioId = r.string();
  const scenarioVersion = r.varint();
  const scenario = findScenario(scenarioId);
  if (!scenario) throw new ResultCodeError('unknown-scenario', `the code is for scenario ${quote(scenarioId)}, which this game does not have`);
  if (scenario.version !== scenarioVersion) {
    throw new ResultCodeError('scenario-version', `the code was made with version ${scenarioVersion} of "${scenarioId}", but this game has version ${scenario.version}`);
  }
  const seed = r.string();
  const options = readOptions(r, scenario, version);
  const count = r.varint();
  if (count > LIMITS.moves) throw new ResultCodeError('invalid', `the code holds ${thousands(count)} moves; a game has at most ${LIMITS.moves}`);
  const moves: Move[] = [];
  for (let i = 0; i < count; i++) moves.push(readMove(r, scenario, i + 1));
  if (r.remaining !== 0) throw new ResultCodeError('invalid', 'the code does not describe a game: it carries data after its last move');
  const spec = { scenario: { id: scenarioId, version: scenarioVersion }, seed, options, moves };
  // The checksum says the bytes are as written; the schema says they describe a game this build allows.
  const parsed = gameSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const [first] = schemaProblems(parsed.error, spec);
    throw new ResultCodeError('invalid', `the code names a game this version cannot play (${formatPath(first!.path)}: ${first!.message})`);
  }
  const problems = checkOptions(scenario, options);
  if (problems.length > 0) throw new ResultCodeError('invalid', `the code names a game this version cannot play (${problems[0]})`);
  return spec;
}
