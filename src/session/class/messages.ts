import { formatPath, schemaProblems } from '../../core/schema/problems';
import { quote } from '../../core/schema/primitives';
import { CLIENT_MESSAGES, joinOptionsSchema, type ClientMessage, type ClientMessageName, type JoinOptions } from './protocol';

/**
 * Messages from clients, read by the protocol's schemas: each answer is the message, or one
 * sentence naming what is wrong with it (the field, and what was expected), to send back as a
 * `problem`. The server acts on nothing else.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

function firstProblem(what: string, error: Parameters<typeof schemaProblems>[0], data: unknown): string {
  const problems = schemaProblems(error, data);
  const shown = problems.slice(0, 3).map((p) => `${p.path.length ? `${what}.${formatPath(p.path)}` : what}: ${p.message}`);
  return problems.length > 3 ? `${shown.join('; ')} (and ${problems.length - 3} more)` : shown.join('; ');
}

export function readClientMessage(type: unknown, data: unknown): Read<{ [K in ClientMessageName]: { type: K; message: ClientMessage<K> } }[ClientMessageName]> {
  if (typeof type !== 'string' || !Object.hasOwn(CLIENT_MESSAGES, type)) {
    return { ok: false, message: `unknown message type ${quote(type, 40)}: expected ${Object.keys(CLIENT_MESSAGES).join(' or ')}` };
  }
  const name = type as ClientMessageName;
  const parsed = CLIENT_MESSAGES[name].safeParse(data);
  if (!parsed.success) return { ok: false, message: firstProblem(name, parsed.error, data) };
  return { ok: true, value: { type: name, message: parsed.data } as never };
}

export function readJoinOptions(data: unknown): Read<JoinOptions> {
  const parsed = joinOptionsSchema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: firstProblem('join options', parsed.error, data) };
}
