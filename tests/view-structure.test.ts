import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The module structure of src/: no import cycle anywhere (type-only and dynamic imports count),
 * and the view's layers as DESIGN.md draws them: the state and its actions run without the DOM
 * or Phaser, screens only read the state and dispatch, and only the shell wires things together.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

type Graph = Map<string, { local: string[]; packages: string[] }>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A relative specifier as a file of ours, or null (an asset such as an SVG, or nothing). */
function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Every import of every file under src/, read by TypeScript's own pre-processor (static, type-only, re-exports and import()). */
function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const local: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveLocal(file, fileName);
        if (target) local.push(target);
      } else packages.push(fileName);
    }
    graph.set(file, { local, packages });
  }
  return graph;
}

/** The cycles of a directed graph: each strongly connected component with more than one node, or a node importing itself (Tarjan). */
function cycles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One shortest way round a cycle through the first file of a component, for the message: a -> b -> a. */
function loopThrough(component: string[], edges: Map<string, string[]>): string[] {
  const start = component[0]!;
  const inside = new Set(component);
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (inside.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

const graph = importGraph();
const name = (file: string) => relative(ROOT, file);
const localEdges = new Map([...graph].map(([file, { local }]) => [file, local]));
const under = (dir: string) => [...graph.keys()].filter((f) => f.startsWith(join(SRC, dir) + '/'));

/** The imports of `files` that break a rule, as "importer -> imported" lines. */
function offending(
  files: string[],
  rule: (target: string) => boolean,
  packages: (name: string) => boolean = () => false,
): string[] {
  return files.flatMap((file) => {
    const { local, packages: used } = graph.get(file)!;
    return [
      ...local.filter(rule).map((t) => `${name(file)} -> ${name(t)}`),
      ...used.filter(packages).map((p) => `${name(file)} -> ${p}`),
    ];
  });
}

describe('the structure of src/', () => {
  it('finds cycles when there are some (the check itself can fail)', () => {
    const g = new Map([
      ['app', ['screens/title', 'stage']],
      ['screens/title', ['app']],
      ['stage', ['stage']],
      ['leaf', []],
    ]);
    expect(cycles(g)).toEqual([['app', 'screens/title'], ['stage']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
    const ring = new Map([
      ['a', ['b', 'x']],
      ['b', ['c']],
      ['c', ['a']],
      ['x', ['a']],
    ]);
    expect(loopThrough(cycles(ring)[0]!, ring)).toEqual(['a', 'x', 'a']);
  });

  it('reads every kind of import, and sees the whole of src/', () => {
    const main = graph.get(join(SRC, 'main.ts'))!;
    // main.ts imports the AI (through the session) with import(): dynamic imports are edges too.
    expect(main.local.map(name)).toContain('src/session/ai.ts');
    for (const layer of ['core', 'scenario', 'negotiators', 'session', 'view', 'cli'])
      expect(under(layer).length, layer).toBeGreaterThan(0);
  });

  it('has no import cycle anywhere, type-only and dynamic imports included', () => {
    const found = cycles(localEdges).map(
      (c) => `${loopThrough(c, localEdges).map(name).join(' -> ')} (${c.length} files in the cycle)`,
    );
    expect(found).toEqual([]);
  });

  it('keeps the view state and its actions free of the DOM side: they run in Node', () => {
    const state = under('view/state');
    expect(state.length).toBeGreaterThan(0);
    const outsideState = (t: string) =>
      t.startsWith(join(SRC, 'view') + '/') && !t.startsWith(join(SRC, 'view/state') + '/');
    expect(offending(state, outsideState, (p) => p === 'phaser')).toEqual([]);
  });

  it('lets screens read the state and dispatch, never reach the shell, the store or the update', () => {
    const screens = under('view/screens');
    const forbidden = (t: string) =>
      t.startsWith(join(SRC, 'view/shell') + '/') ||
      [join(SRC, 'view/state/store.ts'), join(SRC, 'view/state/update.ts')].includes(t);
    expect(offending(screens, forbidden, (p) => p === 'phaser')).toEqual([]);
  });

  it('keeps the canvas scenes out of the state and the screens: they meet only through the stage', () => {
    const scenes = under('view/scenes');
    const upward = (t: string) =>
      [join(SRC, 'view/state'), join(SRC, 'view/screens'), join(SRC, 'view/shell')].some((d) =>
        t.startsWith(d + '/'),
      );
    expect(offending(scenes, upward)).toEqual([]);
  });
});
