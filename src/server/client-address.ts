import type { IncomingMessage, Server } from 'node:http';

/**
 * Whose request is it: the address the guess limit counts wrong class codes and teacher keys
 * against. Colyseus names a joining client by the first hop of x-real-ip, x-forwarded-for or
 * x-client-ip and, for a join (an HTTP request to its matchmaker), by nothing else: without
 * those headers every join counted against one "unknown" address, so ten wrong codes in a
 * minute from anyone locked the whole class out; and anyone could send them, naming a new
 * address each time, and never be limited.
 *
 * So, unless the host says a proxy in front of the server sets them (`trustProxy`), the server
 * writes the connection's own address into x-real-ip, and drops the other two, on every request
 * and WebSocket upgrade, before Colyseus or the class API reads them.
 */
export function pinClientAddresses(http: Server, trustProxy: boolean): void {
  if (trustProxy) return;
  const pin = (req: IncomingMessage) => {
    delete req.headers['x-forwarded-for'];
    delete req.headers['x-client-ip'];
    req.headers['x-real-ip'] = req.socket.remoteAddress ?? 'unknown';
  };
  // first among the listeners: Colyseus' router and WebSocket transport are already on them
  http.prependListener('request', pin);
  http.prependListener('upgrade', pin);
}

/** TRUST_PROXY: "1" or "true" when a reverse proxy in front of the server sets the forwarding headers. */
export function readTrustProxy(value: string | undefined): boolean | { error: string } {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return { error: `TRUST_PROXY must be 1 or true (a reverse proxy in front sets X-Forwarded-For), or 0 or false, not "${value.slice(0, 20)}"` };
}
