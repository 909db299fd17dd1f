import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../core/types';
import type { Ai } from '../session/match';
import { makeJoinCode, makeKey, type RandomBytes } from '../session/class/codes';
import { checkClassConfig } from '../session/class/config';
import { ClassModel, type Changes, type ClassRecord } from '../session/class/model';
import { CLASS_ROOM, createClassRequestSchema, type CreateClassResponse, type ScenarioFileUpload } from '../session/class/protocol';
import { formatProblem, loadScenario } from '../session/scenario-loader';
import { DuplicateClassError, type ClassStore } from './store';

/**
 * The classes a server runs: each class's model in memory, its records in the store. Every
 * operation on a class runs in that class's queue (one at a time), and its changes are
 * committed to the store before the caller answers anyone. If a commit fails, the class is
 * rebuilt from the store, so memory never runs ahead of the records.
 */

export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

export type Created = { ok: true; response: CreateClassResponse } | { ok: false; status: number; message: string };

export interface ServiceOptions {
  store: ClassStore;
  ai: Ai;
  random: RandomBytes;
  now: () => number;
  scenarioDir?: string;
  /** Other server processes write the same store (REDIS_URL): a class's model here may be stale unless this process holds its room. */
  shared?: boolean;
}

/**
 * A class's last activity is written to the store at most this often (a join, or a committed
 * change, after the last write): the start-up reads it in hours, so a write per move is not needed.
 */
export const ACTIVITY_WRITE_MS = 60_000;

export class ClassService {
  private readonly models = new Map<string, ClassModel>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly stale = new Set<string>();
  /** The room that holds each open class's model (see `open` and `drop`). */
  private readonly holders = new Map<string, object>();
  /** When each class's activity was last written to the store (see `touch`). */
  private readonly touched = new Map<string, number>();

  constructor(private readonly options: ServiceOptions) {}

  get shared(): boolean {
    return this.options.shared ?? false;
  }

  get store(): ClassStore {
    return this.options.store;
  }

  now(): number {
    return this.options.now();
  }

  /** A shipped scenario by id: its text and the loaded scenario, or why not. */
  shippedScenario(id: string): { ok: true; text: string; scenario: Scenario } | { ok: false; message: string } {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id) || id.includes('..')) return { ok: false, message: `unknown scenario “${id.slice(0, 64)}”` };
    let text: string;
    try {
      text = readFileSync(join(this.options.scenarioDir ?? SCENARIO_DIR, `${id}.yaml`), 'utf8');
    } catch {
      return { ok: false, message: `unknown scenario “${id}”: the shipped scenarios are the files in scenarios/` };
    }
    const loaded = loadScenario(`${id}.yaml`, text);
    if (!loaded.ok) return { ok: false, message: `scenario “${id}” does not load: ${loaded.problems.map(formatProblem).slice(0, 3).join('; ')}` };
    return { ok: true, text, scenario: loaded.scenario };
  }

  /**
   * A teacher's own scenario file, checked again here with the same loader as the browser (its
   * size by the protocol's schema): the problems named, and an id of its own (a shipped
   * scenario's id would make students' pages use the shipped file instead).
   */
  teacherScenario(file: ScenarioFileUpload): { ok: true; text: string; scenario: Scenario } | { ok: false; message: string } {
    const loaded = loadScenario(file.file, file.text);
    if (!loaded.ok) {
      const more = loaded.problems.length > 5 ? ` (and ${loaded.problems.length - 5} more)` : '';
      return { ok: false, message: `${file.file.slice(0, 80)} does not load: ${loaded.problems.slice(0, 5).map(formatProblem).join('; ')}${more}` };
    }
    if (this.shippedScenario(loaded.scenario.id).ok) return { ok: false, message: `${file.file.slice(0, 80)} has the id “${loaded.scenario.id}” of a scenario shipped with the game: give your scenario an id of its own` };
    return { ok: true, text: file.text, scenario: loaded.scenario };
  }

  /** The scenario file a class's clients must be sent: its stored text unless it is the shipped file's text as it is now. */
  scenarioToSend(record: ClassRecord, scenario: Scenario): { id: string; version: number; file: string; text: string } | null {
    const shipped = this.shippedScenario(record.config.scenario);
    if (shipped.ok && shipped.text === record.scenarioText) return null;
    return { id: scenario.id, version: scenario.version, file: `${record.config.scenario}.yaml`, text: record.scenarioText };
  }

  private scenarioOf(record: ClassRecord): Scenario {
    const loaded = loadScenario(`${record.config.scenario}.yaml`, record.scenarioText);
    if (!loaded.ok) throw new Error(`class ${record.code}: its stored scenario does not load (${loaded.problems.map(formatProblem).slice(0, 2).join('; ')})`);
    return loaded.scenario;
  }

  /** A new class from a request body (untrusted JSON), with a fresh join code and teacher key. */
  async createClass(body: unknown): Promise<Created> {
    const request = createClassRequestSchema.safeParse(body);
    if (!request.success) {
      const issue = request.error.issues[0]!;
      return { ok: false, status: 400, message: `${issue.path.join('.') || 'the request'}: ${issue.message}` };
    }
    const upload = request.data.scenarioFile;
    const scenario = upload ? this.teacherScenario(upload) : this.shippedScenario(request.data.config.scenario);
    if (!scenario.ok) return { ok: false, status: 400, message: upload ? `scenarioFile: ${scenario.message}` : `config.scenario: ${scenario.message}` };
    const config = checkClassConfig(scenario.scenario, request.data.config);
    if (!config.ok) return { ok: false, status: 400, message: config.problems.map((p) => `config.${p}`).join('; ') };
    for (let attempt = 0; attempt < 5; attempt++) {
      const record: ClassRecord = { code: makeJoinCode(this.options.random), teacherKey: makeKey(this.options.random, 24), config: config.config, scenarioText: scenario.text, createdAt: this.now() };
      try {
        await this.store.createClass(record);
      } catch (error) {
        if (error instanceof DuplicateClassError) continue;
        throw error;
      }
      this.models.set(record.code, ClassModel.create(record, scenario.scenario, this.options.ai, this.options.random));
      return { ok: true, response: { code: record.code, teacherKey: record.teacherKey, room: CLASS_ROOM } };
    }
    return { ok: false, status: 500, message: 'could not draw an unused class code' };
  }

  /**
   * The class with this code, rebuilt from the store on first use (and the AI's due replies
   * stored). `fresh`: rebuilt even if in memory, for a room made here after another process held
   * it (that process may have died mid-class; the move log in the store is the class).
   * `holder`: the room opening it, which alone may `drop` it again.
   */
  async open(code: string, fresh = false, holder?: object): Promise<ClassModel | undefined> {
    const known = this.models.get(code);
    if (known && !fresh) {
      if (holder) this.holders.set(code, holder);
      return known;
    }
    const record = await this.store.findClass(code);
    if (!record) return undefined;
    return this.queued(code, async () => {
      const model = (!fresh && this.models.get(code)) || (await this.rebuild(record));
      if (holder) this.holders.set(code, holder);
      return model;
    });
  }

  /**
   * The room holding a class closed (idle, see room.ts): its model leaves memory once every
   * operation queued on it is done (each committed: the store has the class), and the class is
   * rebuilt from the store when it opens again. Nothing happens if another room has opened the
   * class since (a join that came as this one closed), so that room keeps its model.
   */
  drop(code: string, holder: object): Promise<void> {
    return this.queued(code, async () => {
      if (this.holders.get(code) !== holder) return;
      this.holders.delete(code);
      this.models.delete(code);
      this.stale.delete(code);
      this.touched.delete(code);
    });
  }

  /** The classes in memory now (the rooms open in this process, and a class just made). */
  get openCount(): number {
    return this.models.size;
  }

  /**
   * Someone used the class now (a join, a committed change): its last activity, written to the
   * store at most every ACTIVITY_WRITE_MS. A failure to write it is not the caller's: the
   * activity only decides which classes reopen at start-up.
   */
  async touch(code: string): Promise<void> {
    const now = this.now();
    const last = this.touched.get(code);
    if (last !== undefined && now - last < ACTIVITY_WRITE_MS) return;
    this.touched.set(code, now);
    try {
      await this.store.touch(code, now);
    } catch {
      if (this.touched.get(code) === now) this.touched.delete(code);
    }
  }

  /** The codes of classes active since `since` (see ClassStore.activeSince), and how many classes there are. */
  async activeSince(since: number): Promise<{ active: string[]; total: number }> {
    const [active, total] = await Promise.all([this.store.activeSince(since), this.store.countClasses()]);
    return { active, total };
  }

  /** The class as the store has it, for reading only (an export while another process may hold its room): not kept, nothing stored. */
  async snapshot(code: string): Promise<ClassModel | undefined> {
    const record = await this.store.findClass(code);
    if (!record) return undefined;
    return ClassModel.restore(record, this.scenarioOf(record), this.options.ai, this.options.random, await this.store.load(code), this.now()).model;
  }

  private async rebuild(record: ClassRecord): Promise<ClassModel> {
    const data = await this.store.load(record.code);
    const now = this.now();
    const { model, changes } = ClassModel.restore(record, this.scenarioOf(record), this.options.ai, this.options.random, data, now);
    model.giveGraceAfterRestart(now);
    await this.store.commit(record.code, changes);
    this.models.set(record.code, model);
    return model;
  }

  private queued<T>(code: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(code) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    // The queue is forgotten once it has run dry, so a class closed leaves nothing behind.
    const tail: Promise<void> = next.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      if (this.queues.get(code) === tail) this.queues.delete(code);
    });
    this.queues.set(code, tail);
    return next;
  }

  /**
   * Run `fn` on the class, alone, then commit the changes it returns before resolving. If the
   * commit fails the model is rebuilt from the store and the error is thrown on.
   */
  run<T extends { changes: Changes } | { ok: false }>(code: string, fn: (model: ClassModel) => T): Promise<T> {
    return this.queued(code, async () => {
      // After a failed commit whose rebuild failed too (the database unreachable), the model in
      // memory may be ahead of the records: it is rebuilt before anything else is done.
      if (this.stale.has(code)) {
        const record = await this.store.findClass(code);
        if (record) await this.rebuild(record);
        this.stale.delete(code);
      }
      const model = this.models.get(code);
      if (!model) throw new Error(`class ${code} is not open`);
      const result = fn(model);
      if ('changes' in result) {
        try {
          await this.store.commit(code, result.changes);
          const c = result.changes;
          if (c.seats.length + c.moves.length + c.injects.length > 0 || c.pause) void this.touch(code);
        } catch (error) {
          this.stale.add(code);
          const record = await this.store.findClass(code).catch(() => undefined);
          if (record) {
            await this.rebuild(record).catch(() => undefined);
            if (this.models.get(code) !== model) this.stale.delete(code);
          }
          throw error;
        }
      }
      return result;
    });
  }

  /** The model as it stands (for reading: views, exports). */
  model(code: string): ClassModel | undefined {
    return this.models.get(code);
  }
}

/**
 * Events per address within a sliding window: after `max` of them within `windowMs`, an address
 * is refused until the oldest leaves the window. Counts wrong codes and keys (ten a minute), and
 * classes made (CLASSES_PER_HOUR an hour). Asynchronous so that several processes can count
 * together in Redis (scale.ts's RedisLimiter): one process counting alone let a device guess N
 * times as often behind N processes.
 */
export interface AddressLimiter {
  blocked(address: string, now: number): Promise<boolean>;
  count(address: string, now: number): Promise<void>;
}

/** The limiter of one process (the teacher's laptop), kept in memory. */
export class MemoryLimiter implements AddressLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly max = 10,
    readonly windowMs = 60_000,
  ) {}

  async blocked(address: string, now: number): Promise<boolean> {
    const recent = (this.events.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.events.delete(address);
    else this.events.set(address, recent);
    return recent.length >= this.max;
  }

  async count(address: string, now: number): Promise<void> {
    const list = this.events.get(address) ?? [];
    list.push(now);
    this.events.set(address, list);
  }
}
