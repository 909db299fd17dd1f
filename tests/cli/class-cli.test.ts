import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { defaultOptions } from '../../src/core/engine';
import { botsReport, roundFigures, type BotFigures } from '../../src/cli/class-bots';
import { main, USAGE } from '../../src/cli/class';
import { BotBrain } from '../../src/session/class/bot';
import { loadOrThrow, scenarioPath } from '../helpers';

/**
 * `npm run class`'s teacher commands (round, pause, resume) and the bots' --until-round: what
 * is refused before any connection, by name, and what a server that is not there gives. The
 * commands against a real server are in tests/server/class-cli-rounds.test.ts.
 */

const KEY = 'k'.repeat(32);
const usage = async (argv: string[]) => {
  const error = await main(argv).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
};

afterEach(() => vi.restoreAllMocks());

describe('npm run class: the teacher commands', () => {
  it('are in the usage text', () => {
    expect(USAGE).toContain('npm run class -- round --code C --key K [--sides swap|same] [--end-unfinished] [--wait-seconds S]');
    expect(USAGE).toContain('npm run class -- pause --code C --key K [--table N]');
    expect(USAGE).toContain('npm run class -- resume --code C --key K [--table N]');
    expect(USAGE).toContain('[--until-round R]');
  });

  it('refuses bad arguments by name before connecting', async () => {
    expect(await usage(['round', '--key', KEY])).toBe('--code is required');
    expect(await usage(['round', '--code', 'ABCDEFGH'])).toBe('--key is required');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', 'short'])).toBe('--key: a teacher key is 16 to 64 letters, digits, “-” or “_” (the teacherKey `create` printed)');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', KEY, '--sides', 'sideways'])).toBe('--sides: expected swap or same, got "sideways"');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', KEY, '--sides'])).toBe('--sides needs a value');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', KEY, '--end-unfinished=yes'])).toBe('--end-unfinished takes no value');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', KEY, '--wait-seconds', '0'])).toBe('--wait-seconds: expected a whole number from 1 to 86400, got "0"');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', KEY, '--wait-seconds', '60', '--end-unfinished'])).toContain('--wait-seconds and --end-unfinished: give one');
    expect(await usage(['round', '--code', 'ABCDEFGH', '--key', KEY, '--table', '1'])).toBe('unknown option --table');
    expect(await usage(['pause', '--code', 'ABCDEFGH', '--key', KEY, '--table', 'two'])).toBe('--table: expected a whole number from 1 to 10000, got "two"');
    expect(await usage(['resume', '--code', 'ABCDEFGH', '--key', KEY, '--sides', 'swap'])).toBe('unknown option --sides');
    expect(await usage(['pause', '--code', 'ABCDEFGH', '--key', KEY, '--url', 'localhost:2567'])).toBe('--url: expected ws://HOST:PORT, got "localhost:2567"');
    expect(await usage(['bots', '--code', 'ABCDEFGH', '--count', '2', '--until-round', '0'])).toBe('--until-round: expected a whole number from 1 to 1000, got "0"');
    expect(await usage(['rounds'])).toBe('unknown command "rounds": expected create, bots, round, pause, resume or export');
    expect(await usage([])).toBe('name a command: create, bots, round, pause, resume or export');
  });

  it('says a server that is not there, without the usage lines', async () => {
    // A port that was free a moment ago: nothing listens on it.
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => done(p));
      });
    });
    const said: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((text: string) => void said.push(text));
    for (const command of ['round', 'pause', 'resume']) {
      said.length = 0;
      expect(await main([command, '--code', 'ABCDEFGH', '--key', KEY, '--url', `ws://127.0.0.1:${port}`])).toBe(1);
      expect(said).toEqual([`class: cannot reach the class server at http://127.0.0.1:${port}/api/classes/join-check (connect ECONNREFUSED 127.0.0.1:${port}): is \`npm run serve\` running?`]);
    }
  });
});

describe('the bots across rounds', () => {
  const sandbox = loadOrThrow(scenarioPath('sandbox.yaml'));
  const info = (classRound: number, firstTable: number) => ({ code: 'ABCDEFGH', title: null, config: { scenario: 'sandbox', seed: '7', seedPolicy: 'class' as const, pairing: { kind: 'pvp' as const }, doctrines: { us: 'rare-exceptions', china: 'stability-seeker' } }, scenarioTitle: 'Sandbox', rounds: 8, classRound, firstTable });
  const seat = (table: number, side: 'us' | 'china', classRound: number, firstTable: number) => ({
    info: info(classRound, firstTable),
    seat: { seat: `t${table}-${side}`, table, side, kind: 'student' as const, name: 'bot-1', connected: true },
    seatKey: 'seatkey-123',
    partner: null,
  });
  const table = (id: number, moves: unknown[] = []) => ({ table: id, scenario: { id: 'sandbox', version: sandbox.version }, seed: '7', options: defaultOptions(sandbox), moves, seats: [], paused: false, turnDeadline: null, ended: false, injects: [] }) as never;

  it('a bot’s mind follows its seat to the new round’s table and side, dropping the last game and its move in flight', () => {
    const brain = new BotBrain(() => sandbox, 'random');
    expect(brain.seat(seat(0, 'us', 1, 0))).toBe(false);
    brain.tableView(table(0));
    const first = brain.next();
    expect(first).toMatchObject({ index: 0, move: { side: 'us' } });
    // The teacher starts round 2 with the game unfinished: the move in flight is the old table's.
    expect(brain.seat(seat(1, 'china', 2, 1))).toBe(true);
    expect(brain).toMatchObject({ table: 1, side: 'china', round: 2, pending: null, ended: false });
    expect(brain.moves).toEqual([]);
    // A late view of the old table is not this seat's game.
    brain.tableView(table(0, [first!.move]));
    expect(brain.moves).toEqual([]);
    brain.tableView(table(1));
    expect(brain.next()).toBeNull(); // the US moves first; this bot now plays China
    expect(brain.moved({ table: 1, index: 0, move: { type: 'hold', side: 'us' }, by: 'student' })).toBe('added');
    expect(brain.next()).toMatchObject({ index: 1, move: { side: 'china' } });
  });

  it('prints figures per round, a table’s outcome counted once', () => {
    const seen = [
      { name: 'bot-1', round: 1, table: 0, side: 'us' as const, moves: [], outcome: 'deal' },
      { name: 'bot-2', round: 1, table: 0, side: 'china' as const, moves: [], outcome: 'deal' },
      { name: 'bot-3', round: 1, table: 1, side: 'us' as const, moves: [], outcome: 'walkout' },
      { name: 'bot-4', round: 1, table: 1, side: 'china' as const, moves: [], outcome: 'walkout' },
      { name: 'bot-1', round: 2, table: 2, side: 'china' as const, moves: [], outcome: 'deal' },
      { name: 'bot-2', round: 2, table: 2, side: 'us' as const, moves: [], outcome: 'deal' },
      { name: 'bot-3', round: 2, table: 3, side: 'china' as const, moves: [], outcome: null },
    ];
    expect(roundFigures(seen, new Map([[1, 30], [2, 12]]))).toEqual([
      { round: 1, bots: 4, sides: { us: 2, china: 2 }, gamesFinished: 2, botsFinished: 4, outcomes: { deal: 1, walkout: 1 }, acknowledged: 30 },
      { round: 2, bots: 3, sides: { us: 1, china: 2 }, gamesFinished: 1, botsFinished: 2, outcomes: { deal: 1 }, acknowledged: 12 },
    ]);
  });
});

describe('npm run class -- bots: what it prints', () => {
  const figures: BotFigures = {
    bots: 2, sent: 4, acknowledged: 4, duplicates: 0, rejected: 0, teamRefusals: 0, rejections: [], badMessages: 0, reconnections: 0, rejoins: 0, joinRetries: {},
    rttMs: { p50: 3, p99: 9 },
    rttSamples: [1, 2, 3, 9],
    acks: [{ table: 1, index: 0, move: { type: 'accept', side: 'us' } }],
    gamesFinished: 1, botsFinished: 2, rounds: [], failures: [],
    seen: [{ name: 'bot-1', round: 1, table: 1, side: 'us', moves: [], outcome: 'deal' }],
  };

  it('leaves out the per-move lists unless --details asks for them', () => {
    const summary = botsReport(figures, false);
    expect(summary).not.toHaveProperty('acks');
    expect(summary).not.toHaveProperty('rttSamples');
    expect(summary).not.toHaveProperty('seen');
    expect(summary).toMatchObject({ bots: 2, acknowledged: 4, rttMs: { p50: 3, p99: 9 }, gamesFinished: 1 });
    expect(botsReport(figures, true)).toEqual(figures);
  });

  it('takes --details as a switch', async () => {
    expect(await usage(['bots', '--code', 'ABCDEFGH', '--count', '2', '--details=yes'])).toBe('--details takes no value');
    expect(USAGE).toContain('[--details]');
  });
});
