/**
 * When a join to the class server is worth trying again, and how long to wait first: shared by
 * the browser's connection and the headless bots, so both treat a busy server the same way.
 * A busy process lets a seat reservation expire, a server starting up refuses the connection,
 * a process that died leaves its address dead: all pass. A wrong code, a blocked address or a
 * name problem does not pass by waiting, so it is said at once.
 */

const FINAL_REFUSALS = /no class has the code|too many attempts|already taken|display name|not the teacher key/;

/** True when the server's refusal will be the same however often the join is tried. */
export function joinRefusalIsFinal(message: string): boolean {
  return FINAL_REFUSALS.test(message);
}

/**
 * A failed request to the class server as the page says it: a refusal that waiting cannot change
 * in the server's own words, as a sentence (the student fixes the code or the name); anything
 * else prefixed with what went wrong (the server down, busy, or refusing).
 */
export function classFailureText(message: string): string {
  const words = message.trim().replace(/\.+$/, '');
  if (joinRefusalIsFinal(words)) return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  return `The class server could not be reached or refused: ${words}.`;
}

/** How many times a student's first join is tried before the page says it failed. */
export const FIRST_JOIN_TRIES = 5;

/** How long a page keeps rejoining after the server holding its class went away (ms). */
export const REJOIN_FOR_MS = 60_000;

/**
 * The wait before try number `attempt` (1 = the first retry): doubling from half a second, at
 * most five seconds (a join storm spreads out instead of coming back all at once).
 */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000, 500 * 2 ** Math.max(0, attempt - 1));
}
