import type { Difficulty, Move, Package, Side } from '../../core/types';
import type { ClassDebrief } from '../../session/class-debrief';
import type { ConnectionStatus, LiveClass } from '../../session/class-client';
import type { ClassConfig, SeedPolicy, TeacherAction } from '../../session/class/protocol';

/** The live class's state, actions and requests (the actions themselves are in class-live.ts). */

export interface TeacherClass {
  readonly code: string;
  readonly teacherKey: string;
}

/** What the class screens ask the shell to do over the network. */
export type ClassRequest =
  | { op: 'create'; config: ClassConfig; scenarioFile?: { file: string; text: string } }
  | { op: 'connect-teacher'; code: string; teacherKey: string }
  /** A class opened from its code and teacher key as typed (another device): the server checks the key before the dashboard opens. */
  | { op: 'check-teacher'; code: string; teacherKey: string }
  | { op: 'connect-student'; code: string; name: string; seatKey: string | null }
  | { op: 'send-move'; message: { index: number; move: Move } }
  | { op: 'send-draft'; message: { index: number; package: Package } }
  | { op: 'send-teacher-action'; message: TeacherAction }
  /** A student whose talks are over asks for the class's finished games (and those that finish later). */
  | { op: 'watch-results' }
  | { op: 'export'; code: string; teacherKey: string }
  | { op: 'leave' };

/**
 * The teacher's choices on the Run a class form that other fields follow (the pairing's own
 * fields, the doctrines and sides of the scenario chosen): the form is drawn from them, so a
 * redraw (a scenario file opened, a refusal said) keeps them and what follows them. Typed text
 * (seed, rounds, time limit, title) follows nothing and is carried over by `keepControls`.
 */
export interface ClassRunChoices {
  /** The scenario chosen; null: the form's default (a file just opened, else Busan). */
  readonly scenario: string | null;
  readonly seedPolicy: SeedPolicy;
  readonly pairing: ClassConfig['pairing']['kind'];
  readonly teamSize: 2 | 3;
  readonly difficulty: Difficulty;
  readonly side: Side;
  /** Each side's doctrine as chosen (none, or one the scenario lacks: the scenario's first). */
  readonly doctrines: Readonly<Partial<Record<Side, string>>>;
}

export const DEFAULT_RUN_CHOICES: ClassRunChoices = { scenario: null, seedPolicy: 'class', pairing: 'pvp', teamSize: 2, difficulty: 'normal', side: 'us', doctrines: {} };

export type ClassLiveAction =
  /** A choice changed on the Run a class form. */
  | { type: 'class-run-change'; change: Partial<ClassRunChoices> }
  | { type: 'class-create'; config: ClassConfig }
  | { type: 'class-created'; code: string; teacherKey: string }
  | { type: 'class-open-teacher'; code: string; teacherKey: string }
  /** "Open a class you run": the code and teacher key as the teacher typed or pasted them, to be checked by the server. */
  | { type: 'class-open-check'; code: string; teacherKey: string }
  /** The server (or the form) refused the code and key typed: why, said under the form. */
  | { type: 'class-open-refused'; text: string }
  /** The teacher shows the teacher key on the dashboard (to write it down or copy it), or hides it again. */
  | { type: 'class-key-shown'; shown: boolean }
  | { type: 'class-failed'; text: string }
  | { type: 'class-join'; code: string; name: string; seatKey?: string | null }
  /** A class's join link was opened: the join screen, its code filled in (or the link's problem said). */
  | { type: 'class-join-link'; code: string | null; problem: string | null }
  | { type: 'class-status'; status: ConnectionStatus; text?: string; notice?: string }
  /** This browser would not keep the student's seat or the teacher's key (storage full or refused): why, in the browser's words. */
  | { type: 'class-not-kept'; reason: string }
  /** `at`: when it arrived, on this device's clock (the shell stamps it; the turn's countdown counts from it). */
  | { type: 'class-received'; name: string; payload: unknown; at?: number }
  | { type: 'class-teacher-action'; action: TeacherAction }
  /** The teacher asked for another round while tables still play (`sides`), or took the question back (null): the confirmation shows. */
  | { type: 'class-round-confirm'; sides: 'swap' | 'same' | null }
  /** `goTo`: once loaded, the debrief is brought into view (the dashboard's press, far above its section). */
  | { type: 'class-load-debrief'; goTo?: boolean }
  /** The class debrief of another round (from the export already loaded). */
  | { type: 'class-debrief-round'; round: number }
  /** The teacher shows the join address, large code and QR code (true) or folds them into the class bar (false). */
  | { type: 'class-join-panel'; shown: boolean }
  | { type: 'class-export-loaded'; data: unknown }
  | { type: 'class-leave' };

export interface LiveClassView {
  readonly live: LiveClass | null;
  readonly teacher: TeacherClass | null;
  readonly debrief: ClassDebrief | null;
  /** Games of the class not yet in its debrief (still playing, or not verified). */
  readonly unfinished: number;
  /** The round the class debrief shows, and the rounds the class has played (from the export). */
  readonly debriefRound?: number;
  readonly debriefRounds?: readonly number[];
  /** The export the debrief was built from, to show another round without asking the server again. */
  readonly exportData?: unknown;
  /**
   * The teacher's choice for the join panel (the address, large code and QR code): shown or folded
   * into the class bar; absent: shown until the first table starts (see `joinPanelShown`).
   */
  readonly joinShown?: boolean;
  /** Another round asked for while tables still play: the sides chosen, waiting for the teacher's confirmation. */
  readonly confirmRound?: 'swap' | 'same' | null;
  /** The debrief asked for from the dashboard: brought into view once it is loaded. */
  readonly goToDebrief?: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  /** "Open a class you run": its check under way, and why the code and key typed were refused. */
  readonly opening?: boolean;
  readonly openError?: string | null;
  /** The teacher key shown on the dashboard (hidden by default: the screen may be on the projector). */
  readonly keyShown?: boolean;
  /** The class code a join link brought, filled into the join screen. */
  readonly prefill?: string;
  /** A student's pair among the class's finished games (the class chart at the end of the talks). */
  readonly pairChart?: { readonly debrief: ClassDebrief; readonly mine: number; readonly finished: number } | null;
  /** The Run a class form's choices (absent: its defaults); a fresh form each time the screen is entered. */
  readonly runForm?: ClassRunChoices;
  /**
   * Why this browser could not keep the seat (or the teacher's key) for a reload, if it could not:
   * the class plays on, and its screens say how to get back in without it.
   */
  readonly notKept?: string;
}

/** `notKept` is cleared too: each class joined or opened says whether its own seat or key was kept. */
export const NO_LIVE_CLASS: LiveClassView = { live: null, teacher: null, debrief: null, unfinished: 0, busy: false, error: null, notKept: undefined };


/**
 * Whether the teacher's screen shows the join panel large: as the teacher chose, else until the
 * first table of the class starts (then the dashboard comes first, the code stays in the class
 * bar, and one press shows it large again for a late student).
 */
export function joinPanelShown(lc: LiveClassView): boolean {
  return lc.joinShown ?? (lc.live?.dashboard?.tables.length ?? 0) === 0;
}

/**
 * The round a refreshed class debrief keeps: an earlier round the teacher chose (the latest, the
 * default, follows the class to its next round); none, the latest again.
 */
export function keptDebriefRound(lc: LiveClassView): number | undefined {
  const rounds = lc.debriefRounds ?? [];
  const latest = rounds[rounds.length - 1];
  return lc.debriefRound !== undefined && latest !== undefined && lc.debriefRound < latest ? lc.debriefRound : undefined;
}
