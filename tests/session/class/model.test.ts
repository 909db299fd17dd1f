import { describe, expect, it } from 'vitest';
import type { Move } from '../../../src/core/types';
import { negotiators } from '../../../src/session/ai';
import { isJoinCodeShape, JOIN_CODE_BITS, makeJoinCode, makeKey } from '../../../src/session/class/codes';
import { checkClassConfig } from '../../../src/session/class/config';
import { classCsv, classExport } from '../../../src/session/class/export';
import { ClassModel, type ClassRecord, type MoveRecord, type SeatRecord } from '../../../src/session/class/model';
import { cleanName } from '../../../src/session/class/names';
import { classExportSchema, JOIN_CODE_ALPHABET, type ClassConfig } from '../../../src/session/class/protocol';
import { mini } from '../../helpers';

const scenario = mini();

/** Deterministic bytes for tests: a counter, so codes and keys differ call by call. */
function counterBytes(): (n: number) => Uint8Array {
  let k = 7;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 73 + 41) % 256));
}

const pvp: ClassConfig = { scenario: 'mini', seed: 'class-seed', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: 'us-d', china: 'china-d' } };

function makeClass(config: ClassConfig = pvp): ClassModel {
  const record: ClassRecord = { code: 'ABCDEFGH', teacherKey: 'k'.repeat(32), config, scenarioText: '', createdAt: 0 };
  return ClassModel.create(record, scenario, negotiators, counterBytes());
}

const propose: Move = { type: 'propose', side: 'us', package: { beans: 'some' } };

describe('join codes and keys', () => {
  it('are of the unambiguous alphabet, at least 30 bits, and depend only on the bytes given', () => {
    expect(JOIN_CODE_BITS).toBeGreaterThanOrEqual(30);
    const code = makeJoinCode(counterBytes());
    expect(code).toHaveLength(8);
    expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
    expect(makeJoinCode(counterBytes())).toBe(code);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(isJoinCodeShape(code.toLowerCase().replace(/(.{4})/, '$1-'))).toBe(true);
    expect(isJoinCodeShape('O0O0O0O0')).toBe(false);
    expect(makeKey(counterBytes(), 24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('skip bytes that would bias the alphabet', () => {
    const bytes = [255, 254, 253, 252, 251, 250, 249, 248, 247, 246, 245, 244, 243, 242, 241, 240, 0, 1, 2, 3, 4, 5, 6, 7];
    let i = 0;
    const code = makeJoinCode((n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!));
    // 240 and above are drawn again (240 = 8 × 30); 0..7 map to the first letters.
    expect(code).toBe('23456789');
  });
});

describe('names', () => {
  it('are trimmed, one line, length-limited, and kept as the text typed', () => {
    expect(cleanName('  Ada \n Lovelace\u200b ')).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect(cleanName('<b>x</b>')).toEqual({ ok: true, name: '<b>x</b>' });
    expect(cleanName(' \u200b ')).toMatchObject({ ok: false, message: expect.stringContaining('display name') });
    expect(cleanName('x'.repeat(41))).toMatchObject({ ok: false, message: expect.stringContaining('at most 40') });
  });

  it('must show something: a name of only format characters, blank letters or lone marks is refused', () => {
    // Each of these passed as a name and showed as an empty one on the roster and the dashboard.
    const blanks = ['\u3164', '\u115f\u1160', '\uffa0', '\u2800', '\u2067\u2069', '\u061c', '\u{E0041}\u{E007F}', '\u0301', '\ufe0f', '\ud800', ' \u2066 \u3164 '];
    for (const raw of blanks) expect(cleanName(raw), JSON.stringify(raw)).toMatchObject({ ok: false, message: expect.stringContaining('letters you can see') });
    // The same characters inside a name are dropped; names in any script, with accents or emoji, stay as typed.
    expect(cleanName('\u2067Ana\u2069 \u3164Li')).toEqual({ ok: true, name: 'Ana Li' });
    for (const name of ['Zoë', 'e\u0301', '李雷', 'محمد', '😀', '❤\ufe0f', '<b>x</b>']) expect(cleanName(name)).toEqual({ ok: true, name: name.normalize('NFC') });
  });

  it('keep at most four marks stacked on a character: a letter with 39 accents drew a tower over the rows around it', () => {
    const zalgo = cleanName(`A${'\u0301'.repeat(39)}na${'\u0336\u0489'.repeat(15)}`);
    expect(zalgo).toEqual({ ok: true, name: `\u00c1${'\u0301'.repeat(4)}na\u0336\u0489\u0336\u0489` });
    // Names whose script stacks marks stay as typed: Tibetan, Vietnamese, Thai, Hindi, Hebrew with points.
    for (const name of ['བསྒྲུབས', 'Nguyễn', 'น้ำ', 'क्षत्रिय', 'שָׁלוֹם', 'e\u0301\u0302\u0303\u0304']) expect(cleanName(name)).toEqual({ ok: true, name: name.normalize('NFC') });
  });
});

describe('class config', () => {
  it('is checked against the scenario, naming the problem', () => {
    expect(checkClassConfig(scenario, pvp).ok).toBe(true);
    const bad = checkClassConfig(scenario, { ...pvp, doctrines: { us: 'china-d', china: 'nope' } });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.problems.join('\n')).toMatch(/doctrines\.us: "china-d" is a doctrine of china[\s\S]*doctrines\.china: unknown doctrine "nope"/);
    const shape = checkClassConfig(scenario, { ...pvp, pairing: { kind: 'teams' } });
    expect(!shape.ok && shape.problems[0]).toMatch(/pairing/);
  });
});

describe('ClassModel', () => {
  it('pairs students as they arrive, the first playing the US, and starts a table when both seats are taken', () => {
    const c = makeClass();
    const a = c.seatStudent('Ana', undefined, 1);
    expect(a).toMatchObject({ ok: true, rejoined: false, seat: { seat: 't0-us', side: 'us', table: 0 } });
    expect(c.tableView(0)).toBeNull();
    expect(c.dashboard(1).waiting.map((s) => s.name)).toEqual(['Ana']);
    const b = c.seatStudent('Bo', undefined, 2);
    expect(b).toMatchObject({ ok: true, seat: { seat: 't0-china' } });
    expect(c.tableView(0)).toMatchObject({ table: 0, seed: 'class-seed', moves: [], options: { humans: ['us', 'china'] } });
    expect(c.seatStudent('Cy', undefined, 3)).toMatchObject({ ok: true, seat: { seat: 't1-us' } });
  });

  it('gives the same seat back for the same name when its holder is gone, and refuses it while connected without the key', () => {
    const c = makeClass();
    const a = c.seatStudent('Ana', undefined, 1);
    if (!a.ok) throw new Error(a.message);
    c.setConnected(a.seat.seat, true);
    expect(c.seatStudent('ana', undefined, 2)).toMatchObject({ ok: false, message: expect.stringContaining('already taken') });
    expect(c.seatStudent('ana', a.seat.seatKey!, 2)).toMatchObject({ ok: true, rejoined: true, seat: { seat: 't0-us' } });
    c.setConnected(a.seat.seat, false);
    expect(c.seatStudent(' ANA ', undefined, 3)).toMatchObject({ ok: true, rejoined: true, seat: { seat: 't0-us' } });
  });

  it('refuses moves not at the seat’s table, out of turn, illegal, paused or stale, each with its reason', () => {
    const c = makeClass();
    const a = c.seatStudent('Ana', undefined, 1);
    expect(c.playMove('t0-us', 0, propose, 2)).toMatchObject({ ok: false, kind: 'not-in-game', reason: expect.stringContaining('waiting for a second player') });
    c.seatStudent('Bo', undefined, 2);
    expect(a.ok).toBe(true);
    expect(c.playMove('t9-us', 0, propose, 3)).toMatchObject({ ok: false, kind: 'not-seated' });
    expect(c.playMove('t0-china', 0, { type: 'hold', side: 'china' }, 3)).toMatchObject({ ok: false, kind: 'not-your-turn', reason: 'it is the United States’ turn' });
    expect(c.playMove('t0-china', 0, propose, 3)).toMatchObject({ ok: false, kind: 'not-in-game', reason: expect.stringContaining('not yours') });
    expect(c.playMove('t0-us', 0, { type: 'accept', side: 'us' }, 3)).toMatchObject({ ok: false, kind: 'illegal', reason: expect.stringContaining('no offer') });
    expect(c.teacherAction({ action: 'pause', table: null }, 3)).toMatchObject({ ok: true, changes: { pause: { all: true, tables: [] } } });
    expect(c.playMove('t0-us', 0, propose, 4)).toMatchObject({ ok: false, kind: 'paused' });
    c.teacherAction({ action: 'resume', table: 0 }, 5);
    c.teacherAction({ action: 'resume', table: null }, 5);
    const played = c.playMove('t0-us', 0, propose, 6);
    expect(played).toMatchObject({ ok: true, duplicate: false, changes: { moves: [{ table: 0, index: 0, move: propose, by: 'student', at: 6 }] } });
    expect(c.playMove('t0-us', 0, propose, 7)).toMatchObject({ ok: true, duplicate: true, changes: { moves: [] } });
    expect(c.summary(0, 7)).toMatchObject({ standing: { by: 'us' }, deal: null });
    expect(c.playMove('t0-us', 0, { type: 'walkout', side: 'us' }, 7)).toMatchObject({ ok: false, kind: 'stale-index' });
    expect(c.playMove('t0-china', 5, { type: 'reject', side: 'china' }, 7)).toMatchObject({ ok: false, kind: 'stale-index' });
    expect(c.playMove('t0-china', 1, { type: 'accept', side: 'china' }, 8)).toMatchObject({ ok: true });
    expect(c.playMove('t0-us', 2, { type: 'walkout', side: 'us' }, 9)).toMatchObject({ ok: false, kind: 'ended' });
    expect(c.summary(0, 9)).toMatchObject({ outcome: 'deal', turn: null, moves: 2, standing: null });
    // The teacher's dashboard shows what was agreed once nothing stands on the table.
    expect(c.summary(0, 9).deal).toEqual(expect.objectContaining(propose.type === 'propose' ? propose.package : {}));
    // The dashboard's round of a finished table is the round the talks ended in, not the model's horizon.
    expect(scenario.horizon).toBeGreaterThan(1);
    expect(c.summary(0, 9).round).toBe(1);
  });

  it('plays the AI in a pve class and when the teacher fills an empty seat, and records its moves for the store', () => {
    const pve = makeClass({ ...pvp, pairing: { kind: 'pve', difficulty: 'easy', side: 'china' } });
    const s = pve.seatStudent('Ana', undefined, 1);
    expect(s).toMatchObject({ ok: true, seat: { side: 'china' } });
    // The US opens, played by the AI at once.
    expect(s.ok && s.changes.moves.map((m) => [m.index, m.by, m.move.side])).toEqual([[0, 'ai', 'us']]);
    expect(s.ok && s.changes.seats.map((x) => [x.seat, x.kind, x.name])).toEqual([['t0-china', 'student', 'Ana'], ['t0-us', 'ai', 'AI (easy)']]);

    const c = makeClass();
    c.seatStudent('Ana', undefined, 1);
    expect(c.teacherAction({ action: 'fillWithAi', seat: 't0-us', difficulty: 'hard' }, 2)).toMatchObject({ ok: false, message: expect.stringContaining('is taken') });
    const filled = c.teacherAction({ action: 'fillWithAi', seat: 't0-china', difficulty: 'hard' }, 2);
    expect(filled).toMatchObject({ ok: true, tables: [0] });
    expect(c.tableView(0)?.options).toMatchObject({ humans: ['us'], difficulty: { china: 'hard' } });
    const moved = c.playMove('t0-us', 0, propose, 3);
    expect(moved.ok && moved.changes.moves.map((m) => m.by)).toEqual(['student', 'ai']);
  });

  it('rebuilds itself from its records, the AI moving if the records stop before its reply', () => {
    const c = makeClass();
    c.seatStudent('Ana', undefined, 1);
    c.teacherAction({ action: 'fillWithAi', seat: 't0-china', difficulty: 'easy' }, 2);
    const played = c.playMove('t0-us', 0, propose, 3);
    if (!played.ok) throw new Error(played.reason);
    const seats: SeatRecord[] = c.seatsOf(0);
    const studentOnly: MoveRecord[] = played.changes.moves.slice(0, 1);
    const { model, changes } = ClassModel.restore(c.record, scenario, negotiators, counterBytes(), { seats, moves: studentOnly, injects: [], pause: { all: false, tables: [0] } }, 10);
    expect(changes.moves).toEqual([{ ...played.changes.moves[1]!, at: 10 }]);
    expect(model.spec(0)).toEqual(c.spec(0));
    expect(model.summary(0, 10).paused).toBe(true);
    expect(() => ClassModel.restore(c.record, scenario, negotiators, counterBytes(), { seats, moves: played.changes.moves.slice(1), injects: [], pause: null }, 10)).toThrow(/move 0 is missing/);
  });

  it('plays the clock’s move when a turn runs out, and the teacher can extend it', () => {
    const c = makeClass({ ...pvp, turnSeconds: 30 });
    c.seatStudent('Ana', undefined, 0);
    c.seatStudent('Bo', undefined, 0);
    expect(c.turnDeadline(0)).toBe(30_000);
    c.teacherAction({ action: 'extend', table: 0, seconds: 20 }, 1000);
    expect(c.expireTurns(49_000).tables).toEqual([]);
    const out = c.expireTurns(50_000);
    expect(out.changes.moves).toEqual([{ table: 0, index: 0, move: { type: 'hold', side: 'us' }, by: 'clock', at: 50_000 }]);
    expect(c.turnDeadline(0)).toBe(80_000);
    expect(makeClass().teacherAction({ action: 'extend', table: null, seconds: 20 }, 0)).toMatchObject({ ok: false, message: expect.stringContaining('no time limit') });
  });

  it('flags an idle table, sends injects to one table or all, and refuses an unknown event', () => {
    const c = makeClass();
    c.seatStudent('Ana', undefined, 0);
    c.seatStudent('Bo', undefined, 0);
    expect(c.summary(0, 89_000).idle).toBe(false);
    expect(c.summary(0, 90_000).idle).toBe(true);
    expect(c.teacherAction({ action: 'inject', table: null, inject: { kind: 'event', event: 'scheduled' } }, 1)).toMatchObject({ ok: true });
    expect(c.teacherAction({ action: 'inject', table: 0, inject: { kind: 'news', text: ' <i>Flash</i> ' } }, 1)).toMatchObject({ ok: true });
    expect(c.teacherAction({ action: 'inject', table: 3, inject: { kind: 'news', text: 'x' } }, 1)).toMatchObject({ ok: false, message: 'there is no table 4 in this class' });
    expect(c.teacherAction({ action: 'inject', table: null, inject: { kind: 'event', event: 'nope' } }, 1)).toMatchObject({ ok: false });
    // A flash of only spaces (the teacher's form trims and refuses it; a hand-made message does not) sends nothing.
    expect(c.teacherAction({ action: 'inject', table: null, inject: { kind: 'news', text: ' \n\t ' } }, 1)).toMatchObject({ ok: false, message: expect.stringContaining('news flash needs some words') });
    expect(c.injectsFor(0).map((i) => i.text)).toEqual([scenario.events.find((e) => e.id === 'scheduled')!.title, '<i>Flash</i>']);
  });

  it('exports every game with its moves, outcome, a verified result code and ratings under every pair of doctrines; names stay text in the CSV', () => {
    const c = makeClass();
    c.seatStudent('=HYPERLINK("x")', undefined, 0);
    c.seatStudent('<img src=x onerror=alert(1)>', undefined, 0);
    c.playMove('t0-us', 0, propose, 1);
    c.playMove('t0-china', 1, { type: 'accept', side: 'china' }, 2);
    const data = classExport(c);
    expect(classExportSchema.safeParse(data).success).toBe(true);
    expect(data.games).toHaveLength(1);
    const g = data.games[0]!;
    expect(g).toMatchObject({ moves: [propose, { type: 'accept', side: 'china' }], ended: true, verified: true, outcome: { kind: 'deal' } });
    expect(Object.keys(g.ratings)).toEqual(['us-d/china-d']);
    expect(g.seats.map((s) => s.name)).toEqual(['=HYPERLINK("x")', '<img src=x onerror=alert(1)>']);
    const csv = classCsv(c);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('<img src=x onerror=alert(1)>');
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFround,table,us player/);
  });
});

describe('the class CSV, opened again', () => {
  it('gives back every student name of the formula corpus through a CSV parser, each stored inert', async () => {
    const { default: Papa } = await import('papaparse');
    const { restoreCsvText } = await import('../../../src/session/csv');
    const { readFileSync } = await import('node:fs');
    const corpus = JSON.parse(readFileSync(new URL('../../bad-inputs/formula-payloads.json', import.meta.url), 'utf8')) as { payloads: string[] };
    // Names as a student may type them (one line, at most 40 characters), plus accents and Chinese.
    const names = [...new Set([...corpus.payloads, 'Zoë Ångström', '李雷', '王芳'].map((p) => cleanName(p)).flatMap((r) => (r.ok ? [r.name] : [])))];
    expect(names.length).toBeGreaterThan(20);
    const c = makeClass();
    names.forEach((name, i) => expect(c.seatStudent(name, undefined, i).ok, name).toBe(true));
    const csv = classCsv(c);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    const header = rows[0]!;
    const us = header.indexOf('us player');
    const china = header.indexOf('china player');
    const cells = rows.slice(1).flatMap((r) => [r[us]!, r[china]!]).filter((x) => x !== '');
    // No cell a spreadsheet would run: each formula-leading name comes back behind its apostrophe.
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/);
    const seated = names.length - (names.length % 2);
    expect(cells.map(restoreCsvText)).toEqual(names.slice(0, seated));
  });
});
