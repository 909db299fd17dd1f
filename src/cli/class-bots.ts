import { Client, type Room } from '@colyseus/sdk';
import type { Scenario } from '../core/types';
import { BotBrain, type BotPolicy } from '../session/class/bot';
import { CLASS_ROOM, SERVER_MESSAGES, type ServerMessage, type ServerMessageName } from '../session/class/protocol';
import type { Move, Side } from '../core/types';
import { joinRefusalIsFinal } from '../session/class/join-retry';
import { formatProblem, loadScenario } from '../session/scenario-loader';

/**
 * Headless students over real connections (@colyseus/sdk): each joins the class by its code,
 * plays its table to the end with a policy, and finds its way back if the connection or the
 * server goes away: the SDK's reconnection first, then a rejoin with the code, its name and
 * seat key, retried for up to `retryMs`. Every message from the server is parsed with the
 * protocol's schemas; one that does not parse is counted and ignored.
 *
 * Rounds: when the teacher starts another round the room sends each connected bot its new seat
 * and table (the same table number, the side swapped or kept), and the bot plays the new game
 * from there, as the browser does, without rejoining. A bot stays until its game of class round
 * `untilRound` (default 1) has ended: with 1, it leaves when its first game ends (in whatever
 * round the class is when it joins); with 2 or more it waits, connected, after each earlier
 * round's game for the teacher to start the next. The figures are per run, and per round in
 * `rounds`.
 */

export interface BotOptions {
  url: string;
  code: string;
  count: number;
  policy: BotPolicy;
  scenario: (id: string) => Scenario;
  namePrefix?: string;
  /** How long a bot keeps trying to get back in after losing the server. */
  retryMs?: number;
  /** Give up on the whole run after this long. */
  timeoutMs?: number;
  /** Bot n joins n × rampMs after the first (a class arrives over a minute, not in one millisecond). */
  rampMs?: number;
  /** Called after each acknowledged move with the figures so far (tests use it to stop the server mid-game). */
  onAck?: (figures: BotFigures) => void;
  /** Each bot stays (waiting between rounds) until its game of this class round has ended; default 1. */
  untilRound?: number;
}

/** One round's figures: the bots' seats in it and how their games went. */
export interface RoundFigures {
  round: number;
  /** Bots seated in this round. */
  bots: number;
  /** Those seated on each side. */
  sides: { us: number; china: number };
  /** Tables the bots played in this round whose games ended, and bots whose game ended. */
  gamesFinished: number;
  botsFinished: number;
  /** Ended games by outcome kind (deal, walkout, deadline…), counted once per table. */
  outcomes: Record<string, number>;
  /** Moves the bots sent in this round's games and the server acknowledged. */
  acknowledged: number;
}

export interface BotFigures {
  bots: number;
  sent: number;
  acknowledged: number;
  duplicates: number;
  rejected: number;
  /** Commits refused because a teammate had committed the side's move first (a class of teams: every member tries, one wins). */
  teamRefusals: number;
  rejections: string[];
  badMessages: number;
  reconnections: number;
  rejoins: number;
  /** First joins refused and tried again, by reason (a busy server lets a seat reservation expire). */
  joinRetries: Record<string, number>;
  rttMs: { p50: number | null; p99: number | null };
  /** Every round trip measured (ms), for merging several runs' figures. */
  rttSamples: number[];
  /** Every move the server acknowledged (a resent one answered as a duplicate too), for checking against the export. */
  acks: { table: number; index: number; move: Move }[];
  gamesFinished: number;
  botsFinished: number;
  /** Per class round the bots played in, in order (one entry for a run of one round). */
  rounds: RoundFigures[];
  /** What each bot saw of each of its tables' games (one per round it was seated in), for checking against the server's export. */
  seen: { name: string; round: number; table: number | null; side: Side | null; moves: Move[]; outcome: string | null }[];
  failures: string[];
}

/**
 * What `npm run class -- bots` prints: the run's figures, without the per-move lists (every
 * acknowledged move, every round trip, what each bot saw) that run to thousands of lines for a
 * class; `details` keeps them, for checking a run against the server's export.
 */
export function botsReport(figures: BotFigures, details: boolean): Partial<BotFigures> {
  if (details) return figures;
  const { seen: _seen, acks: _acks, rttSamples: _samples, ...summary } = figures;
  return summary;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

export async function runBots(options: BotOptions): Promise<BotFigures> {
  const figures: BotFigures = { bots: options.count, sent: 0, acknowledged: 0, duplicates: 0, rejected: 0, teamRefusals: 0, rejections: [], badMessages: 0, reconnections: 0, rejoins: 0, joinRetries: {}, rttMs: { p50: null, p99: null }, rttSamples: [], acks: [], gamesFinished: 0, botsFinished: 0, rounds: [], seen: [], failures: [] };
  const untilRound = options.untilRound ?? 1;
  /** Acknowledged moves by class round. */
  const acksByRound = new Map<number, number>();
  const rtts: number[] = [];
  const retryMs = options.retryMs ?? 60_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const prefix = options.namePrefix ?? 'bot';
  /** Decisions shared by all the bots of the run: tables playing the same game think once. */
  const decisions = new Map<string, Move>();
  /** Scenarios the room sent (a teacher's own file), loaded once per text for all the bots. */
  const sent = new Map<string, { ok: true; scenario: Scenario } | { ok: false; message: string }>();
  const sentById = new Map<string, Scenario>();
  const scenarioOf = (id: string) => sentById.get(id) ?? options.scenario(id);
  const takeSent = (m: ServerMessage<'scenario'>): string | null => {
    let loaded = sent.get(m.text);
    if (!loaded) {
      const result = loadScenario(m.file, m.text);
      loaded = result.ok
        ? result.scenario.id === m.id && result.scenario.version === m.version
          ? { ok: true, scenario: result.scenario }
          : { ok: false, message: `the class's scenario file ${m.file} loads as ${result.scenario.id} v${result.scenario.version}, not ${m.id} v${m.version}` }
        : { ok: false, message: `the class's scenario file ${m.file} does not load: ${result.problems.slice(0, 3).map(formatProblem).join('; ')}` };
      sent.set(m.text, loaded);
    }
    if (!loaded.ok) return loaded.message;
    sentById.set(loaded.scenario.id, loaded.scenario);
    return null;
  };

  const runOne = async (n: number): Promise<void> => {
    const name = `${prefix}-${n + 1}`;
    const brain = new BotBrain(scenarioOf, options.policy, decisions);
    const client = new Client(options.url);
    let sentAt = 0;
    let done: () => void = () => undefined;
    let lost: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    /** The bot's part is over: its game of round `untilRound` (or a later one) has ended. */
    const complete = () => brain.ended && brain.round >= untilRound;
    /** What the bot saw of its table's game, kept when it moves on to another round's table and at the end. */
    const keep = () => {
      if (brain.table === null) return;
      figures.seen.push({ name, round: brain.round, table: brain.table, side: brain.side, moves: [...brain.moves], outcome: brain.outcome });
    };
    /** Set when the connection came back: the move in flight (if any) goes again with the next full table. */
    let resend = false;

    // Deciding waits for the I/O already queued, so other bots' answers are timed when they arrive, not after this bot thinks.
    const play = (room: Room) => {
      if (brain.ended) {
        if (complete()) done();
        return;
      }
      setImmediate(() => {
        const next = brain.next();
        if (!next) return;
        sentAt = performance.now();
        figures.sent++;
        room.send('move', next);
      });
    };

    const attach = (room: Room) => {
      const on = <K extends ServerMessageName>(type: K, handle: (m: ServerMessage<K>) => void) =>
        room.onMessage(type, (payload: unknown) => {
          const parsed = SERVER_MESSAGES[type].safeParse(payload);
          if (!parsed.success) {
            figures.badMessages++;
            return;
          }
          handle(parsed.data as ServerMessage<K>);
        });
      // Sent before the seat and the table: the class's own scenario, which the bots play from then on.
      on('scenario', (m) => {
        const problem = takeSent(m);
        if (problem !== null && figures.failures.length < 20) figures.failures.push(`${name}: ${problem}`);
      });
      on('seat', (m) => {
        // Another round: keep what the last table's game came to, then follow the seat to its new table.
        if (brain.table !== null && m.seat.table !== brain.table) keep();
        if (brain.seat(m)) resend = false;
      });
      on('table', (m) => {
        brain.tableView(m);
        // A move sent before the connection went away is sent again: the server answers it as a duplicate if it had it.
        if (brain.pending && resend) {
          resend = false;
          sentAt = performance.now();
          room.send('move', brain.pending);
        } else play(room);
        if (complete()) done();
      });
      on('moved', (m) => {
        if (brain.moved(m) === 'added') play(room);
        if (complete()) done();
      });
      on('moveResult', (m) => {
        if (!brain.pending || m.index !== brain.pending.index) return;
        if (m.ok) {
          figures.acknowledged++;
          acksByRound.set(brain.round, (acksByRound.get(brain.round) ?? 0) + 1);
          if (brain.table !== null) figures.acks.push({ table: brain.table, index: m.index, move: brain.pending.move });
          if (m.duplicate) figures.duplicates++;
          else rtts.push(performance.now() - sentAt);
          options.onAck?.(figures);
        } else if (m.kind === 'already-committed') figures.teamRefusals++;
        else {
          figures.rejected++;
          if (figures.rejections.length < 20) figures.rejections.push(`${name}: ${m.kind}: ${m.reason}`);
        }
        // The move itself arrives as `moved` (after this answer), and play goes on from there;
        // a refused move is not tried again (the same position gives the same decision).
        brain.pending = null;
        // A teammate's move won the race: the game may already be at this bot's side again (an AI's quick reply).
        if (!m.ok && m.kind === 'already-committed') play(room);
      });
      on('problem', (m) => {
        if (figures.failures.length < 20) figures.failures.push(`${name}: ${m.message}`);
      });
      // The SDK's own reconnection goes back to the same process: right after a network blip, but
      // after a process died it would try a dead address for about a minute (15 attempts up to 5 s
      // apart). A few quick attempts (3 s in all), then a rejoin with the code and seat key, which
      // reaches whichever process holds or rebuilds the class.
      room.reconnection.maxRetries = 4;
      room.onDrop(() => figures.reconnections++);
      room.onReconnect(() => (resend = true));
      room.onLeave((code: number) => {
        if (code !== 1000 && !complete()) lost();
      });
    };

    const join = async (): Promise<Room> => {
      const room = await client.joinOrCreate(CLASS_ROOM, { role: 'student', code: options.code, name, ...(brain.seatKey ? { seatKey: brain.seatKey } : {}) });
      attach(room);
      return room;
    };

    await sleep(n * (options.rampMs ?? 0));
    // The first join is retried too: a server starting up or busy refuses or lets a reservation expire.
    const firstJoin = async (): Promise<Room> => {
      const until = Date.now() + retryMs;
      for (;;) {
        try {
          return await join();
        } catch (error) {
          if (Date.now() > until || joinRefusalIsFinal(String(error))) throw new Error(`${name} could not join: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          const reason = (error instanceof Error ? error.message : String(error)).slice(0, 80);
          figures.joinRetries[reason] = (figures.joinRetries[reason] ?? 0) + 1;
          await sleep(500);
        }
      }
    };
    let room = await firstJoin();
    for (;;) {
      const gone = new Promise<'lost'>((resolve) => (lost = () => resolve('lost')));
      const result = await Promise.race([finished.then(() => 'done' as const), gone, sleep(Math.max(0, deadline - Date.now())).then(() => 'timeout' as const)]);
      if (result === 'done') break;
      if (result === 'timeout') {
        figures.failures.push(
          brain.ended
            ? `${name}: the class did not start round ${untilRound} in time (its game of round ${brain.round} ended)`
            : `${name}: the game of round ${brain.round} did not finish in time (${brain.moves.length} moves)`,
        );
        break;
      }
      // The server went away: join again with the code, the name and the seat key until it answers.
      const until = Date.now() + retryMs;
      let back: Room | null = null;
      while (!back && Date.now() < until) {
        await sleep(500);
        try {
          resend = true;
          back = await join();
          figures.rejoins++;
        } catch {
          // not up yet
        }
      }
      if (!back) {
        figures.failures.push(`${name}: could not get back into the class within ${retryMs / 1000} s`);
        break;
      }
      room = back;
    }
    keep();
    if (brain.ended) figures.botsFinished++;
    await room.leave(true).catch(() => undefined);
  };

  const results = await Promise.allSettled(Array.from({ length: options.count }, (_, n) => runOne(n)));
  for (const r of results) if (r.status === 'rejected') figures.failures.push(r.reason instanceof Error ? r.reason.message : String(r.reason));
  rtts.sort((a, b) => a - b);
  figures.rttMs = { p50: quantile(rtts, 0.5), p99: quantile(rtts, 0.99) };
  figures.rttSamples = rtts;
  figures.rounds = roundFigures(figures.seen, acksByRound);
  figures.gamesFinished = figures.rounds.reduce((sum, r) => sum + r.gamesFinished, 0);
  return figures;
}

/** The figures of each round from what the bots saw (a table's outcome counted once, however many bots sat at it). */
export function roundFigures(seen: BotFigures['seen'], acksByRound: ReadonlyMap<number, number> = new Map()): RoundFigures[] {
  const rounds = new Map<number, RoundFigures & { tables: Set<number> }>();
  for (const s of seen) {
    let r = rounds.get(s.round);
    if (!r) rounds.set(s.round, (r = { round: s.round, bots: 0, sides: { us: 0, china: 0 }, gamesFinished: 0, botsFinished: 0, outcomes: {}, acknowledged: acksByRound.get(s.round) ?? 0, tables: new Set() }));
    r.bots++;
    if (s.side) r.sides[s.side]++;
    if (s.outcome === null) continue;
    r.botsFinished++;
    if (s.table === null || r.tables.has(s.table)) continue;
    r.tables.add(s.table);
    r.gamesFinished++;
    r.outcomes[s.outcome] = (r.outcomes[s.outcome] ?? 0) + 1;
  }
  return [...rounds.values()].sort((a, b) => a.round - b.round).map(({ tables: _tables, ...r }) => r);
}
