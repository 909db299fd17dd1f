import { config } from 'zod/v4/core';

/**
 * The page's Content-Security-Policy forbids eval. zod compiles its object parsers with
 * `new Function` unless told not to, and probes whether it may while each schema is built (a
 * probe the browser reports as a violation even though zod catches it). So it is told here,
 * before any schema exists: main.ts imports this module first.
 */
config({ jitless: true });
