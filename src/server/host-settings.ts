/**
 * What the host gives `npm run serve` (environment variables, arguments) and what can go wrong
 * starting it (the port, the store, the services), each said in one line that names the setting
 * and what to do: a teacher starting the server on a laptop sees that line, never a stack trace.
 * Pure functions: main.ts prints their answers and exits 1.
 */

export type Setting<T> = { ok: true; value: T } | { ok: false; message: string };

const shown = (text: string, max = 40) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/** PORT: digits only, 0 to 65535 (0: any free port); `Number` would take "1e3", " 0x1F90" or "8080.0". */
export function readPort(text: string | undefined): Setting<number> {
  if (text === undefined || text === '') return { ok: true, value: 2567 };
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) return { ok: false, message: `PORT must be a port number (0 to 65535, digits only), not ${shown(text, 20)}` };
  return { ok: true, value: port };
}

/** A teacher makes a class per lesson; a page posting classes in a loop is stopped at this many an hour. */
export const DEFAULT_CLASSES_PER_HOUR = 20;

/** CLASSES_PER_HOUR: how many classes one device other than the server's own computer may make in an hour. */
export function readClassesPerHour(text: string | undefined): Setting<number> {
  if (text === undefined || text === '') return { ok: true, value: DEFAULT_CLASSES_PER_HOUR };
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1)) return { ok: false, message: `CLASSES_PER_HOUR must be a whole number from 1 (classes one device may make in an hour), not ${shown(text, 20)}` };
  return { ok: true, value: n };
}

/**
 * PUBLIC_HOST: the name (or address) students' browsers reach this computer by. It is sent to
 * them as `PUBLIC_HOST:PORT`, so a scheme or a port in it ("http://classes.example.org",
 * "classes.example.org:443") made an address no browser could open, and every join failed.
 */
export function readPublicHost(text: string | undefined): Setting<string | undefined> {
  if (text === undefined || text === '') return { ok: true, value: undefined };
  if (/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$/.test(text) || /^\[[0-9A-Fa-f:.]{2,45}\]$/.test(text)) return { ok: true, value: text };
  return { ok: false, message: `PUBLIC_HOST must be the name or address students' browsers use for this computer, without a scheme, a port or a path (the port is PORT), e.g. PUBLIC_HOST=classes.example.org, not ${shown(text)}` };
}

/** SQLITE_SYNC: NORMAL (the default: a power cut can lose the last moments) or FULL (an fsync per move). */
export function readSqliteSync(text: string | undefined): Setting<'NORMAL' | 'FULL'> {
  if (text === undefined || text === '') return { ok: true, value: 'NORMAL' };
  const upper = text.toUpperCase();
  if (upper === 'NORMAL' || upper === 'FULL') return { ok: true, value: upper };
  return { ok: false, message: `SQLITE_SYNC must be NORMAL (the default) or FULL (each move written through to the disk before it is acknowledged), not ${shown(text, 20)}` };
}

/** The addresses printed for students: PUBLIC_HOST's when set (what they will be sent to), else this computer's own. */
export function studentAddresses(port: number, publicHost: string | undefined, own: string[]): string[] {
  return publicHost ? [`http://${publicHost}:${port}/`] : own;
}

/** The arguments `npm run serve -- …` takes: `--processes N` (or `--processes=N`), nothing else. */
export function readServeArgs(args: string[]): Setting<{ processes: number }> {
  let processes: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--processes' || arg.startsWith('--processes=')) {
      if (processes !== undefined) return { ok: false, message: '--processes is given twice' };
      const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      const n = text !== undefined && /^\d{1,2}$/.test(text) ? Number(text) : NaN;
      if (!(n >= 1 && n <= 64)) return { ok: false, message: `--processes takes a whole number from 1 to 64, not ${shown(String(text), 20)}` };
      processes = n;
      continue;
    }
    // `--port 8080` used to be ignored: the server started on 2567 and students were sent there.
    return {
      ok: false,
      message: `unknown argument ${shown(arg)}: the only argument is --processes N; the rest are environment variables (PORT=8080, HOST, DATA_DIR, DATABASE_URL, REDIS_URL…), e.g. PORT=8080 npm run serve (see README, "Run a class")`,
    };
  }
  return { ok: true, value: { processes: processes ?? 1 } };
}

/** A service's URL as it may be printed: scheme, host, port and path, never its user name or password. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/** DATABASE_URL or REDIS_URL: a URL with one of the service's schemes and a host. */
export function readServiceUrl(name: 'DATABASE_URL' | 'REDIS_URL', text: string): Setting<URL> {
  const schemes = name === 'DATABASE_URL' ? ['postgres:', 'postgresql:'] : ['redis:', 'rediss:'];
  const example = name === 'DATABASE_URL' ? 'postgres://user:password@host:5432/database' : 'redis://host:6379';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text is not echoed: it may hold a password.
    return { ok: false, message: `${name} is not a URL (${text.length} characters): expected one like ${example}` };
  }
  if (!schemes.includes(url.protocol)) return { ok: false, message: `${name} must start with ${schemes.map((s) => `${s}//`).join(' or ')}, not ${shown(url.protocol, 20)}: expected one like ${example}` };
  if (!url.hostname) return { ok: false, message: `${name} names no host: expected one like ${example}` };
  return { ok: true, value: url };
}

type SystemError = Error & { code?: string };

const hostWords = (host: string | undefined) => (host === undefined || host === '0.0.0.0' || host === '::' ? 'every address of this computer' : `HOST ${shown(host)}`);

/** Why the server could not listen on its port, and what to do. */
export function listenFailure(error: unknown, port: number, host: string | undefined): string {
  const code = (error as SystemError | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') return `port ${port} is in use on ${hostWords(host)} (another class server, or another program, is listening there): stop it, or start on another port, e.g. PORT=${port === 8080 ? 8081 : 8080} npm run serve`;
  if (code === 'EACCES') return `port ${port} may not be used by this user (ports below 1024 need administrator rights on most systems): start on another port, e.g. PORT=8080 npm run serve`;
  if (code === 'EADDRNOTAVAIL') return `HOST ${shown(host ?? '')} is not an address of this computer: leave HOST unset (every address) or give one of this computer's own (${detail})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `HOST ${shown(host ?? '')} is not an address this computer can find: leave HOST unset (every address) or give one of this computer's own`;
  return `could not listen on port ${port} of ${hostWords(host)}: ${detail}`;
}

/** Why the SQLite file could not be opened, naming the file and DATA_DIR. */
export function sqliteFailure(error: unknown, file: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as SystemError | undefined)?.code ?? '';
  let hint = 'check that DATA_DIR names a folder this user may write to';
  if (/not a database|malformed|SQLITE_NOTADB|SQLITE_CORRUPT/.test(`${detail} ${code}`)) hint = 'the file is damaged or not a class store: move it aside (keep it) and start again for an empty store, or set DATA_DIR to another folder';
  else if (code === 'EEXIST' || code === 'ENOTDIR') hint = 'a file stands where a folder should be: DATA_DIR must name a folder';
  return `the class store ${file} cannot be opened (${detail}): ${hint}`;
}

/** Why a service (PostgreSQL, Redis) could not be reached or used, without its password. */
export function serviceFailure(name: 'DATABASE_URL' | 'REDIS_URL', url: URL, error: unknown): string {
  const what = name === 'DATABASE_URL' ? 'the PostgreSQL database' : 'the Redis server';
  const detail = error instanceof Error ? error.message : String(error);
  // A driver's message may quote the URL it was given: never print the password.
  const password = url.password ? decodeURIComponent(url.password) : '';
  const clean = password ? detail.split(password).join('***') : detail;
  return `${name}: ${what} at ${redactUrl(url)} cannot be used (${clean.slice(0, 300)}): check that it is running and that the URL is right`;
}
