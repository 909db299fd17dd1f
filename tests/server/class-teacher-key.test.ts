import { describe, expect, it } from 'vitest';
import { JOIN_CHECK_PATH, joinCheckResponseSchema } from '../../src/session/class/protocol';
import { createClass, Probe, serverPerFile } from './helpers';

/**
 * A teacher opening the dashboard from another browser (the projector's computer, a colleague's
 * laptop, storage cleared) with the class code and the teacher key: the page asks the join check
 * first, so the key is checked by the server with the guess limit every join has, and the
 * refusals are said in the game's own words (curly quotes, as the rest of the game). A server of
 * its own: the limit blocks this machine's address for a minute.
 */

const served = serverPerFile();

async function check(options: unknown): Promise<{ ok: true } | { ok: false; message: string }> {
  const response = await fetch(`${served.server.http}${JOIN_CHECK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
  expect(response.status).toBe(200);
  return joinCheckResponseSchema.parse(await response.json());
}

describe('opening a class’s dashboard with its code and teacher key', () => {
  it('lets the right key in, and refuses a wrong key, an unknown class and a key of the wrong shape, each said plainly', async () => {
    const cls = await createClass(served.server);
    const other = await createClass(served.server);
    // The code as a teacher may type it (lower case, a dash): the same class.
    const typed = `${cls.code.slice(0, 4).toLowerCase()}-${cls.code.slice(4).toLowerCase()}`;
    expect(await check({ role: 'teacher', code: typed, teacherKey: cls.teacherKey })).toEqual({ ok: true });
    expect(await check({ role: 'teacher', code: cls.code, teacherKey: other.teacherKey })).toEqual({ ok: false, message: 'that is not the teacher key of this class' });
    expect(await check({ role: 'teacher', code: 'ZZZZZZZZ', teacherKey: cls.teacherKey })).toEqual({ ok: false, message: 'no class has the code “ZZZZZZZZ”: check it with your teacher' });
    const shape = await check({ role: 'teacher', code: cls.code, teacherKey: 'not a key' });
    expect(shape).toEqual({ ok: false, message: 'join options.teacherKey: a teacher key is 16 to 64 letters, digits, “-” or “_”' });
    // The key opens the dashboard itself.
    const teacher = await Probe.joinOrCreate(served.server.url, { role: 'teacher', code: typed, teacherKey: cls.teacherKey });
    expect(await teacher.next('dashboard')).toMatchObject({ info: { code: cls.code } });
    await teacher.room.leave();
    // The server says nothing of a key, right or wrong, in its output.
    expect(served.server.output()).not.toContain(cls.teacherKey);
    expect(served.server.output()).not.toContain(other.teacherKey);
  });

  it('says the refusals a student or teacher meets with the game’s curly quotes, never straight ones', async () => {
    const cls = await createClass(served.server);
    const ana = await Probe.join(served.server.url, { role: 'student', code: cls.code, name: 'Ana' });
    await ana.next('seat');
    const teacher = await Probe.join(served.server.url, { role: 'teacher', code: cls.code, teacherKey: cls.teacherKey });
    await teacher.next('dashboard');
    teacher.room.send('teacherAction', { action: 'inject', table: null, inject: { kind: 'event', event: 'no-such-event' } });
    const said = [
      (await check({ role: 'student', code: cls.code, name: 'ana' })) as { message: string },
      (await check({ role: 'student', code: 'ABCD', name: 'Bo' })) as { message: string },
      (await check({ role: 'student', code: cls.code, name: 'Bo', seatKey: 'a key!' })) as { message: string },
      await teacher.next<{ message: string }>('problem'),
    ].map((m) => m.message);
    expect(said[0]).toBe('the name “ana” is already taken in this class: choose another, or rejoin from the device that holds it');
    expect(said[1]).toBe('no class has the code “ABCD”: check it with your teacher');
    expect(said[3]).toBe('the scenario has no event “no-such-event”');
    for (const message of said) expect(message).not.toMatch(/["']/);
    await ana.room.leave();
    await teacher.room.leave();
  });

  it('limits wrong keys as it limits wrong codes: after ten, even the right key waits a minute', async () => {
    const cls = await createClass(served.server);
    const other = await createClass(served.server);
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await check({ role: 'teacher', code: cls.code, teacherKey: other.teacherKey });
      answers.push(answer.ok ? 'ok' : answer.message);
    }
    // (the first test's wrong key and unknown code counted too)
    expect(answers[0]).toBe('that is not the teacher key of this class');
    expect(answers[answers.length - 1]).toMatch(/^too many attempts with wrong class codes or keys from this address: wait a minute/);
    expect(await check({ role: 'teacher', code: cls.code, teacherKey: cls.teacherKey })).toEqual({ ok: false, message: expect.stringMatching(/^too many attempts/) as unknown });
    // The room's own join is held back by the same count.
    await expect(Probe.joinOrCreate(served.server.url, { role: 'teacher', code: cls.code, teacherKey: cls.teacherKey })).rejects.toThrow(/too many attempts/);
  });
});
