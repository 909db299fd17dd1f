import { z } from 'zod';
import { moveSchema, packageSchema } from '../../core/schema/move';
import { LIMITS } from '../../core/schema/limits';
import { aiPlayerSchema, idSchema, seedSchema, sideSchema, wholeNumber } from '../../core/schema/primitives';

/**
 * The class server's protocol: the one definition of every message between the class room
 * (src/server) and its clients (the browser's class screens, the `npm run class` bots), and of
 * the snapshots they are shown. Both ends parse what they receive with these schemas; a message
 * that does not parse is refused with a `problem` message naming what is wrong, never acted on.
 *
 * The flow
 * 1. **Create.** The teacher (browser or `npm run class -- create`) sends a `CreateClassRequest`
 *    as JSON to `POST /api/classes` on the server's port. The answer is a `CreateClassResponse`:
 *    the **join code** (8 characters of an unambiguous alphabet, 39 bits) and the **teacher key**
 *    (kept in the teacher's browser; every teacher action needs it), plus the room name.
 * 2. **Join.** Every client joins the Colyseus room `CLASS_ROOM` (`client.joinOrCreate(CLASS_ROOM,
 *    options)`), the room for that code (one room per class; the server starts it again from the
 *    database after a restart, or, over several processes, whichever process a student reaches
 *    first after the one holding it died). Join options are a `JoinOptions`:
 *    - a student sends `{ role: 'student', code, name }` and, on a rejoin after a reload or a
 *      server restart, the `seatKey` it was given: the same name (or the seat key) gets the same
 *      seat back. A name already held by a connected student is refused unless the seat key is
 *      given. The name is untrusted: trimmed, 1–40 characters, shown as text only;
 *    - the teacher sends `{ role: 'teacher', code, teacherKey }`.
 *    A wrong code, key or name is refused by the join with a message; wrong codes from one
 *    address are rate-limited (a `too many attempts` refusal). The browser asks first with
 *    `POST /api/classes/join-check` (`JOIN_CHECK_PATH`), which runs the same checks (and, where
 *    the class's room is in the same process, whether the name is held by a connected student)
 *    and answers 200 either way: a mistyped code or a taken name is said without a refused
 *    request in the console.
 * 3. **Scenario.** In a class on the teacher's own scenario file (or on a shipped scenario whose
 *    file has changed since the class began), everyone who joins first gets a `scenario` message:
 *    the file the class plays, to load with the scenario loader.
 *    **Seat.** A student gets a `seat` message (its seat, side, table and partner, and the
 *    `seatKey` to keep for rejoining), then a `table` message with the whole game as the core
 *    defines it, `(scenario, seed, options, moves)`, once the table has both players (the
 *    partner may be the AI). Clients replay `moves` with the core to derive everything they
 *    show, so what they show matches the server exactly. Students wait in the lobby until then.
 *    The teacher gets a `dashboard` message, again whenever anything changes (at most a few
 *    times a second).
 * 4. **Moves.** A student sends `move` `{ index, move, table }`: `move` is the core's Move, `index`
 *    the number of moves the game had when the student decided (the per-game move index), `table`
 *    the table it was decided at (a move for a table the seat has left for another round's is
 *    refused). The room checks it (the student's own table, its turn, the table not paused, the core's legality
 *    check), writes it to the database, then answers `moveResult` (accepted, or refused with a
 *    `reason`) and sends `moved` to everyone at the table and the teacher; the AI's replies
 *    follow as further `moved` messages. A move sent again with an index already played
 *    (a retry after a reconnection) is answered `accepted` with `duplicate: true` if it is the
 *    move recorded there for that side, and refused otherwise: nothing is applied twice.
 * 5. **Teacher actions** (`teacherAction`, teacher connections only): pause and resume every
 *    table or one, extend the current turn's time limit, fill an empty seat with the AI, send an
 *    inject (one of the scenario's events as a news item, or a written news flash) to every
 *    table or one. A written news flash is only shown to the players. An inject of one of the
 *    scenario's events is shown too, and it happens in each targeted game that has started and
 *    not ended (and where the event has not already happened, if it happens once): an `event`
 *    move in that game's log, by the teacher, relayed as `moved` like any move, so the game stays
 *    `(scenario, seed, options, moves)` and its replay and result code verify.
 * 6. **Reconnection.** A dropped connection keeps its seat: the client reconnects with Colyseus'
 *    reconnection token within `RECONNECT_SECONDS`, or later (a reload, a server restart) joins
 *    again with the code, the same name and its seat key. Either way it is sent `seat` and
 *    `table` again and carries on from the game's current move index.
 * 7. **Another round** (`teacherAction` `newRound`): once the tables have finished (or, with
 *    `endUnfinished`, leaving the unfinished games as they stand), every table of the round
 *    gets a table of its own in the new round with the same students (and AI seats), on the
 *    other side or the same side, and a seat key unchanged. Each connected student is sent
 *    `seat` and `table` for the new table (no rejoin); a student who comes back later gets the
 *    current round's seat. The new tables have new ids (ids run on; `info.firstTable` is the
 *    round's first, so a table keeps its number: `tableNumber`); their games start at once.
 * 8. **Export.** `GET /api/classes/<code>/export?format=json|csv` with the header
 *    `x-teacher-key: <key>` gives the class's results (`ClassExport`, or its CSV): every
 *    round's games, each with its round and its table's number in that round.
 *
 * Message names are the keys of `CLIENT_MESSAGES` and `SERVER_MESSAGES`; payloads their schemas.
 */

/** The Colyseus room name every class runs in. */
export const CLASS_ROOM = 'class';

/** Seconds a dropped student keeps a reconnection token valid (after that: rejoin with code, name and seat key). */
export const RECONNECT_SECONDS = 120;

/** Join codes: 8 characters of this alphabet (no 0/O, 1/I/L, U), 30^8 ≈ 2^39 codes. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const JOIN_CODE_LENGTH = 8;

/** Display names: at most this many characters after trimming. */
export const NAME_MAX_CHARS = 40;

/** A pair that has not moved for this many seconds is flagged idle on the dashboard. */
export const IDLE_SECONDS = 90;
/** The least time a running turn has left once a server that was down has the class again (see ClassModel.giveGraceAfterRestart). */
export const RESTART_GRACE_SECONDS = 60;

// --- shared pieces ------------------------------------------------------------------------------

/** A join code as typed: case and spaces or dashes do not matter (normalise with `normaliseJoinCode`). */
export const joinCodeSchema = z
  .string({ error: 'expected the class code as text' })
  .max(40, { error: 'a class code has 8 letters and digits' });

export const teacherKeySchema = z
  .string({ error: 'expected the teacher key as text' })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'a teacher key is 16 to 64 letters, digits, “-” or “_”' });

export const seatKeySchema = z
  .string({ error: 'expected the seat key as text' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'a seat key is 8 to 64 letters, digits, “-” or “_”' });

/** A display name as sent; the server trims it and refuses an empty or over-long one by name. */
export const displayNameSchema = z
  .string({ error: 'expected a display name as text' })
  .max(400, { error: `a display name has at most ${NAME_MAX_CHARS} characters` });

export const tableIdSchema = wholeNumber(0, 10_000, 'a table number');
/** A seat: `t3-us` (a table's US seat, or the first member of its US team), `t3-us-2` and `t3-us-3` (further team members). */
export const seatIdSchema = z.string().regex(/^t\d{1,5}-(us|china)(-[23])?$/, { error: 'expected a seat id like “t3-us” or “t3-us-2”' });

/** Students per side in a class of teams. */
export const teamSizeSchema = z.union([z.literal(2), z.literal(3)], { error: 'a team has 2 or 3 students' });

// --- the class configuration --------------------------------------------------------------------

/**
 * How students are paired: `pvp` student against student (a lone student waits for a partner or
 * the teacher fills the seat with the AI); `pve` each student against the AI at `difficulty`,
 * playing `side`; `teams` a team of `size` students per side at each table (a US team against a
 * China team): students fill a table's teams in turn, the table starts once each side has one
 * member, and any member of the side to move commits its move (the others see the draft live).
 */
export const pairingSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('pvp') }),
    z.strictObject({ kind: z.literal('pve'), difficulty: aiPlayerSchema, side: sideSchema }),
    z.strictObject({ kind: z.literal('teams'), size: teamSizeSchema }),
  ],
  { error: 'expected a pairing: {kind: "pvp"}, {kind: "pve", difficulty, side} or {kind: "teams", size}' },
);

/** One seed for the whole class (every table plays the same dice), or one per table (derived from the class seed and the table number). */
export const seedPolicySchema = z.enum(['class', 'table'], { error: 'expected the seed policy “class” or “table”' });

export const classConfigSchema = z.strictObject({
  /**
   * A shipped scenario's id, or the id of the teacher's own scenario file sent with the request
   * (`scenarioFile`); the text is stored with the class, so a class outlives changes to the file.
   */
  scenario: idSchema,
  seed: seedSchema,
  seedPolicy: seedPolicySchema,
  pairing: pairingSchema,
  /** The doctrine each side is judged by during play (the export rates under every doctrine). */
  doctrines: z.strictObject({ us: idSchema, china: idSchema }),
  /** The negotiating deadline in rounds, if the teacher changes the scenario's (a game option: in every table's options and result code; range: the core's roundsRange). */
  rounds: wholeNumber(1, LIMITS.rounds, 'a number of rounds').optional(),
  /** Optional time limit per turn, in seconds: when it runs out the server plays the waiting side's "hold" (or "reject" with an offer on the table). */
  turnSeconds: wholeNumber(10, 3_600, 'seconds (10 to 3600)').optional(),
  /** A title the teacher gives the class, shown to students (untrusted text). */
  title: z.string().max(120, { error: 'a class title has at most 120 characters' }).optional(),
});

/** A teacher's own scenario file for a class: at most this many characters (four times the largest shipped scenario). */
export const CLASS_SCENARIO_MAX_CHARS = 200_000;

/** A scenario file as the teacher opened it: its name (for messages) and its text (YAML or JSON, checked by the scenario loader). */
export const scenarioFileSchema = z.strictObject({
  file: z.string().min(1, { error: 'expected the file name' }).max(200, { error: 'a file name has at most 200 characters' }),
  text: z.string({ error: 'expected the file text' }).max(CLASS_SCENARIO_MAX_CHARS, { error: `a class’s scenario file has at most ${CLASS_SCENARIO_MAX_CHARS.toLocaleString('en')} characters` }),
});

/**
 * `scenarioFile`: the teacher's own scenario (its id is `config.scenario`). The server checks it
 * with the same loader as the browser, refuses it with each problem named, and stores its text
 * with the class; the room sends it to everyone who joins (the `scenario` message).
 */
export const createClassRequestSchema = z.strictObject({ config: classConfigSchema, scenarioFile: scenarioFileSchema.optional() });
export const createClassResponseSchema = z.strictObject({
  code: z.string(),
  teacherKey: z.string(),
  room: z.literal(CLASS_ROOM),
});

// --- joining ------------------------------------------------------------------------------------

/**
 * `POST` the `JoinOptions` here before joining: the same checks as the join itself (and the same
 * guess limit), answered with status 200 either way, `{ ok: true }` or `{ ok: false, message }`.
 */
export const JOIN_CHECK_PATH = '/api/classes/join-check';
export const joinCheckResponseSchema = z.union([z.strictObject({ ok: z.literal(true) }), z.strictObject({ ok: z.literal(false), message: z.string().max(1000) })]);

export const joinOptionsSchema = z.discriminatedUnion(
  'role',
  [
    z.strictObject({ role: z.literal('student'), code: joinCodeSchema, name: displayNameSchema, seatKey: seatKeySchema.optional() }),
    z.strictObject({ role: z.literal('teacher'), code: joinCodeSchema, teacherKey: teacherKeySchema }),
  ],
  { error: 'expected join options {role: "student", code, name} or {role: "teacher", code, teacherKey}' },
);

// --- client → server ----------------------------------------------------------------------------

export const moveMessageSchema = z.strictObject({
  /** The number of moves the game had when this move was decided: the move's place in the log. */
  index: wholeNumber(0, 10_000, 'a move index'),
  move: moveSchema,
  /**
   * The table whose game the move was decided in (its id, as in `seat` and `table`). When the
   * teacher starts another round, a move sent for the last round's game can cross the new seat
   * on the wire, with the same index and side as a legal move of the new game: the table tells
   * the two apart. Optional, for clients of an older version.
   */
  table: tableIdSchema.optional(),
});

const tableTarget = tableIdSchema.nullable(); // null: every table

export const teacherActionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('pause'), table: tableTarget }),
    z.strictObject({ action: z.literal('resume'), table: tableTarget }),
    /** Add seconds to the current turn's time limit (only with `turnSeconds`). */
    z.strictObject({ action: z.literal('extend'), table: tableTarget, seconds: wholeNumber(10, 3_600, 'seconds (10 to 3600)') }),
    /**
     * The AI takes a seat: an empty one (the table then starts), or, mid-game, one whose student
     * has left (not connected); it plays on from the log. The student who comes back to it (seat
     * key or name) gets it back, and the AI's moves stay in the log as the AI's.
     */
    z.strictObject({ action: z.literal('fillWithAi'), seat: seatIdSchema, difficulty: aiPlayerSchema }),
    z.strictObject({
      action: z.literal('inject'),
      table: tableTarget,
      inject: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('event'), event: idSchema }),
        z.strictObject({ kind: z.literal('news'), text: z.string().min(1).max(500, { error: 'a news flash has at most 500 characters' }) }),
      ]),
    }),
    /**
     * Another round: the same students at the same tables play a new game, on the other side
     * (`swap`) or the same side (`same`), with seeds from the class's seed policy and the round
     * number. Games still going on are kept as they stand (unfinished, no longer played): without
     * `endUnfinished` the server refuses while any table is playing, naming how many.
     */
    z.strictObject({ action: z.literal('newRound'), sides: z.enum(['swap', 'same'], { error: 'expected sides “swap” or “same”' }), endUnfinished: z.boolean({ error: 'expected endUnfinished: true or false' }) }),
  ],
  { error: 'expected a teacher action: pause, resume, extend, fillWithAi, inject or newRound' },
);

/**
 * A team member's draft package as it is being built, for the side's other members to see live:
 * a draft, never a move (nothing is recorded; a member commits it as a `move`). `index` is the
 * move it is drafted for (the game's move count), so a draft overtaken by a move is dropped.
 */
export const draftMessageSchema = z.strictObject({
  index: wholeNumber(0, 10_000, 'a move index'),
  package: packageSchema,
});

/**
 * A student whose talks are over asks for the class's finished games (to see where the pair sits
 * on the class chart): answered with `classResults` at once and again as other pairs finish. Only
 * screens that show the chart ask (the bots do not), so a big class sends no more than it must.
 */
export const watchResultsSchema = z.strictObject({});

export const CLIENT_MESSAGES = {
  move: moveMessageSchema,
  draft: draftMessageSchema,
  teacherAction: teacherActionSchema,
  watchResults: watchResultsSchema,
} as const;

// --- what clients are shown ---------------------------------------------------------------------

export const playerKindSchema = z.enum(['student', 'ai']);
/**
 * Who made a move: the student at the seat, the AI, the clock (a turn whose time limit ran out
 * holds, or rejects the offer on the table), or the teacher (an inject of one of the scenario's
 * events, an `event` move: the event happens in the game).
 */
export const moveAuthorSchema = z.enum(['student', 'ai', 'clock', 'teacher']);

/** A seat of the roster. `name` is untrusted text (a student's display name) or the AI's label. */
export const seatViewSchema = z.strictObject({
  seat: seatIdSchema,
  table: tableIdSchema,
  side: sideSchema,
  kind: playerKindSchema,
  name: z.string(),
  connected: z.boolean(),
});

export const injectViewSchema = z.strictObject({
  /** Its place in the class's list of injects. */
  index: z.number().int(),
  table: tableTarget,
  /** The headline as shown: the event's label or the teacher's text (untrusted). */
  text: z.string(),
  event: idSchema.nullable(),
});

/** A table's game as the core defines it, plus how the class runs it. */
export const tableViewSchema = z.strictObject({
  table: tableIdSchema,
  scenario: z.strictObject({ id: idSchema, version: z.number().int() }),
  seed: seedSchema,
  options: z.unknown(),
  /** The log; `options` parses with the core's gameOptionsSchema (kept loose here so the core stays the one definition). */
  moves: z.array(moveSchema),
  seats: z.array(seatViewSchema),
  paused: z.boolean(),
  /** When the current turn's time runs out (ms since the epoch, server clock), or null without a limit or while paused. */
  turnDeadline: z.number().nullable(),
  /** Milliseconds left in the current turn when this was sent (clients count down from it, whatever their own clock says), or null. */
  turnMsLeft: z.number().nullable().optional(),
  ended: z.boolean(),
  injects: z.array(injectViewSchema),
});

/** One pair's line on the teacher's dashboard. */
export const tableSummarySchema = z.strictObject({
  table: tableIdSchema,
  seats: z.array(seatViewSchema),
  /** False until both seats are taken. */
  started: z.boolean(),
  round: z.number().int(),
  moves: z.number().int(),
  /** The side to move, or null when the talks have ended. */
  turn: sideSchema.nullable(),
  /** The package on the table (the standing offer), or null. */
  standing: z.strictObject({ by: sideSchema, package: z.record(z.string(), z.string()) }).nullable(),
  /** The package agreed once the talks ended in a deal, else null (absent from an older server). */
  deal: z.record(z.string(), z.string()).nullable().optional(),
  tension: z.number(),
  /** The outcome kind once the talks ended: deal, walkout, deadline… */
  outcome: z.string().nullable(),
  paused: z.boolean(),
  /** No move for IDLE_SECONDS while it was someone's turn. */
  idle: z.boolean(),
  lastMoveAt: z.number().nullable(),
});

export const classInfoSchema = z.strictObject({
  code: z.string(),
  title: z.string().nullable(),
  config: classConfigSchema,
  scenarioTitle: z.string(),
  /** The games' deadline in rounds (the class's `rounds`, else the scenario's). */
  rounds: z.number().int(),
  /** The class's round now (1 until the teacher starts another: the same students at the same tables play a new game); absent: 1. */
  classRound: z.number().int().min(1).optional(),
  /**
   * The id of the current round's first table (absent: 0). Table ids run on across rounds (each
   * round's games are kept under tables of their own); a table is shown by its number in its
   * round, `tableNumber`.
   */
  firstTable: tableIdSchema.optional(),
});

export const dashboardSchema = z.strictObject({
  info: classInfoSchema,
  tables: z.array(tableSummarySchema),
  /** Students waiting for a partner (pvp, odd number). */
  waiting: z.array(seatViewSchema),
  injects: z.array(injectViewSchema),
  finished: z.number().int(),
  /** Every table paused at once by the teacher ("Pause all tables"); absent: not (older servers). */
  pausedAll: z.boolean().optional(),
});

// --- server → client ----------------------------------------------------------------------------

export const rejectionKindSchema = z.enum(['not-your-turn', 'illegal', 'not-in-game', 'paused', 'ended', 'stale-index', 'not-seated', 'bad-message', 'already-committed']);

export const SERVER_MESSAGES = {
  /** To everyone joining a class whose scenario this page may not have (the teacher's own file): the file, to load. */
  scenario: z.strictObject({ id: idSchema, version: z.number().int(), file: z.string(), text: z.string() }),
  /** To a student on joining: its seat and the key to rejoin it. */
  seat: z.strictObject({
    info: classInfoSchema,
    seat: seatViewSchema,
    seatKey: seatKeySchema,
    partner: seatViewSchema.nullable(),
    /** The other members of the student's team (a class of teams), else empty. */
    team: z.array(seatViewSchema).optional(),
    /** Every member of the other side's team (a class of teams), else empty: `partner` is its first. */
    opponents: z.array(seatViewSchema).optional(),
  }),
  /** To a student: its table's whole game (on joining, when the table starts, after pause/resume/inject/extend). */
  table: tableViewSchema,
  /** To the mover: its move accepted (written to the database) or refused with the reason. */
  moveResult: z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), index: z.number().int(), duplicate: z.boolean() }),
    z.strictObject({ ok: z.literal(false), index: z.number().int(), kind: rejectionKindSchema, reason: z.string() }),
  ]),
  /** To everyone at the table and the teacher: a move was played (by a student or the AI). */
  moved: z.strictObject({ table: tableIdSchema, index: z.number().int(), move: moveSchema, by: moveAuthorSchema }),
  /** To the teacher: the dashboard. */
  dashboard: dashboardSchema,
  /** To the other members of a team: a member's draft package for the move at `index` (`by` names the member, untrusted text). */
  draft: z.strictObject({ table: tableIdSchema, side: sideSchema, index: z.number().int(), package: packageSchema, by: z.string() }),
  /** To a table (or all): a news item. */
  inject: injectViewSchema,
  /**
   * To a student who asked (`watchResults`): the class's finished games, each as the core defines
   * it, for the class chart. `replace`: the whole list (the answer to the asking); else games that
   * have just finished, to add. No names: a pair is its table number.
   */
  classResults: z.strictObject({
    replace: z.boolean(),
    games: z.array(z.strictObject({ table: tableIdSchema, scenario: z.strictObject({ id: idSchema, version: z.number().int() }), seed: seedSchema, options: z.unknown(), moves: z.array(moveSchema) })),
  }),
  /** A message that was refused (bad shape, not allowed for this role), with what was wrong. */
  problem: z.strictObject({ message: z.string(), about: z.string() }),
} as const;

// --- the export ---------------------------------------------------------------------------------

export const exportGameSchema = z.strictObject({
  /** The class's round the game was played in (1, 2, …; absent in an export from before rounds: 1). */
  round: z.number().int().min(1).optional(),
  /** The table's place in its round (0 is table 1): the same students sit at the same table number every round. */
  table: tableIdSchema,
  seats: z.array(z.strictObject({ seat: seatIdSchema, side: sideSchema, kind: playerKindSchema, name: z.string() })),
  scenario: z.strictObject({ id: idSchema, version: z.number().int() }),
  seed: seedSchema,
  options: z.unknown(),
  moves: z.array(moveSchema),
  ended: z.boolean(),
  /** The outcome as the core records it, or null while the talks go on. */
  outcome: z.unknown(),
  resultCode: z.string(),
  /** The result code decoded and replayed to the same moves and outcome. */
  verified: z.boolean(),
  /** Ratings under every pair of doctrines, keyed "usDoctrine/chinaDoctrine": src/session/outcome.ts's ratingsJson (empty while talks go on). */
  ratings: z.record(z.string(), z.unknown()),
});

export const classExportSchema = z.strictObject({
  format: z.literal('bargaining-chips-class'),
  version: z.literal(1),
  code: z.string(),
  title: z.string().nullable(),
  config: classConfigSchema,
  games: z.array(exportGameSchema),
});

// --- types --------------------------------------------------------------------------------------

export type Pairing = z.infer<typeof pairingSchema>;
export type SeedPolicy = z.infer<typeof seedPolicySchema>;
export type ClassConfig = z.infer<typeof classConfigSchema>;
export type CreateClassRequest = z.infer<typeof createClassRequestSchema>;
export type ScenarioFileUpload = z.infer<typeof scenarioFileSchema>;
export type CreateClassResponse = z.infer<typeof createClassResponseSchema>;
export type JoinOptions = z.infer<typeof joinOptionsSchema>;
export type MoveMessage = z.infer<typeof moveMessageSchema>;
export type DraftMessage = z.infer<typeof draftMessageSchema>;
export type TeacherAction = z.infer<typeof teacherActionSchema>;
export type PlayerKind = z.infer<typeof playerKindSchema>;
export type MoveAuthor = z.infer<typeof moveAuthorSchema>;
export type SeatView = z.infer<typeof seatViewSchema>;
export type InjectView = z.infer<typeof injectViewSchema>;
export type TableView = z.infer<typeof tableViewSchema>;
export type TableSummary = z.infer<typeof tableSummarySchema>;
export type ClassInfo = z.infer<typeof classInfoSchema>;
export type Dashboard = z.infer<typeof dashboardSchema>;
export type RejectionKind = z.infer<typeof rejectionKindSchema>;
export type ClientMessageName = keyof typeof CLIENT_MESSAGES;
export type ServerMessageName = keyof typeof SERVER_MESSAGES;
export type ServerMessage<K extends ServerMessageName> = z.infer<(typeof SERVER_MESSAGES)[K]>;
export type ClientMessage<K extends ClientMessageName> = z.infer<(typeof CLIENT_MESSAGES)[K]>;
export type ExportGame = z.infer<typeof exportGameSchema>;
export type ClassExport = z.infer<typeof classExportSchema>;

/** A table as people read it: its number (from 1) in the current round of the class. */
export function tableNumber(info: Pick<ClassInfo, 'firstTable'> | null | undefined, table: number): number {
  return table - (info?.firstTable ?? 0) + 1;
}

/** A typed code as stored: upper case, spaces and dashes dropped. */
export function normaliseJoinCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
