import { isJoinCodeShape, sameSecret } from '../session/class/codes';
import { readJoinOptions } from '../session/class/messages';
import { cleanName } from '../session/class/names';
import { normaliseJoinCode } from '../session/class/protocol';
import type { ClassService, AddressLimiter } from './classes';

/**
 * Who may join a class, before any room is looked up: the options' shape, the guess limit, the
 * code, and the teacher key or the student's name. The room's `onAuth` refuses a join with it, and
 * `POST /api/classes/join-check` answers with it, so a page can learn that a code is wrong without a
 * refused join (which the browser reports as a failed request in its console).
 */

export type Auth = { role: 'teacher' } | { role: 'student'; name: string; seatKey?: string };

export type Admission = { ok: true; code: string; auth: Auth } | { ok: false; message: string };

export async function admit(service: ClassService, limiter: AddressLimiter, address: string, options: unknown): Promise<Admission> {
  const now = service.now();
  if (await limiter.blocked(address, now)) return { ok: false, message: 'too many attempts with wrong class codes or keys from this address: wait a minute and try again' };
  const parsed = readJoinOptions(options);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const join = parsed.value;
  const code = normaliseJoinCode(join.code);
  const record = isJoinCodeShape(code) ? await service.store.findClass(code) : undefined;
  if (!record) {
    await limiter.count(address, now);
    return { ok: false, message: `no class has the code “${join.code.slice(0, 12)}”: check it with your teacher` };
  }
  if (join.role === 'teacher') {
    if (!sameSecret(join.teacherKey, record.teacherKey)) {
      await limiter.count(address, now);
      return { ok: false, message: 'that is not the teacher key of this class' };
    }
    return { ok: true, code, auth: { role: 'teacher' } };
  }
  const name = cleanName(join.name);
  if (!name.ok) return { ok: false, message: name.message };
  return { ok: true, code, auth: { role: 'student', name: name.name, ...(join.seatKey ? { seatKey: join.seatKey } : {}) } };
}

/**
 * The join check's answer (`POST /api/classes/join-check`): the admission, and for a student the
 * name, as this process knows it: a name held by a student connected to the class's room here is
 * taken, which the room would refuse (a refused join shows in the browser's console). Over several
 * processes the room may be elsewhere; the room's own refusal then says it.
 */
export async function checkJoin(service: ClassService, limiter: AddressLimiter, address: string, options: unknown): Promise<{ ok: true } | { ok: false; message: string }> {
  const admitted = await admit(service, limiter, address, options);
  if (!admitted.ok) return admitted;
  const auth = admitted.auth;
  const refusal = auth.role === 'student' ? (service.model(admitted.code)?.nameRefusal(auth.name, auth.seatKey) ?? null) : null;
  return refusal === null ? { ok: true } : { ok: false, message: refusal };
}
