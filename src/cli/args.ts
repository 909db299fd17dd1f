/** A small, strict argument reader for the CLIs: unknown flags and missing values are errors. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** Flags that take a value, e.g. "scenario" for --scenario ID. */
  values: string[];
  /** Flags that stand alone, e.g. "json". */
  switches: string[];
}

export function parseFlags(argv: string[], spec: FlagSpec): { values: Record<string, string>; switches: Set<string>; rest: string[] } {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const switches = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    if (spec.switches.includes(name) || spec.values.includes(name)) {
      if (switches.has(name) || name in values) throw new UsageError(`--${name} is given twice`);
    }
    if (spec.switches.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      values[name] = value;
    } else {
      throw new UsageError(`unknown option --${shown}`);
    }
  }
  return { values, switches, rest };
}
