import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/, read from the sources themselves: every static import and export-from,
 * and every dynamic import(), with whether it is type-only. The check: each layer imports only
 * what DESIGN.md allows (eslint.config.js says the same to an editor; this test resolves every
 * path, dynamic imports included). tests/view-structure.test.ts checks the same graph for cycles.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (readFileSync(candidate) && candidate.endsWith('.ts')) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

function edgesOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = resolveImport(file, specifier);
    if (to) edges.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements
          : null;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== null &&
            named.length > 0 &&
            named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const named =
        node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      add(
        node.moduleSpecifier.text,
        node.isTypeOnly || (named !== null && named.length > 0 && named.every((e) => e.isTypeOnly)),
      );
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

const files = sources(src);
const edges = files.flatMap(edgesOf);
const name = (file: string) => relative(src, file).replace(/\\/g, '/');

/** The layers (DESIGN.md, "Architecture"), the layers each may import, and whether it may import the core's types only. */
const LAYERS: Record<string, { imports: string[]; coreTypes?: boolean }> = {
  core: { imports: ['core'] },
  scenario: { imports: ['scenario', 'core'] },
  negotiators: { imports: ['negotiators', 'core'] },
  session: { imports: ['session', 'core', 'scenario', 'negotiators'] },
  view: { imports: ['view', 'session'], coreTypes: true },
  cli: { imports: ['cli', 'session'], coreTypes: true },
  server: { imports: ['server', 'session'], coreTypes: true },
};

/** A file's layer: its folder under src/ (src/main.ts, the browser entry, is the view's). */
function layerOf(file: string): string {
  const n = name(file);
  return n === 'main.ts' ? 'view' : n.split('/')[0]!;
}

describe('the import graph of src/', () => {
  it('reads every source file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(200);
    expect(
      edges.some((e) => !e.typeOnly && name(e.from) === 'main.ts' && name(e.to) === 'session/ai.ts'),
    ).toBe(true);
  });

  it("keeps every layer to the layers below it: core nothing of ours, scenario and negotiators the core, the session those, the rest the session and the core's types", () => {
    expect(Object.keys(LAYERS)).toEqual(expect.arrayContaining([...new Set(files.map(layerOf))]));
    const wrong = edges
      .filter((e) => {
        const rule = LAYERS[layerOf(e.from)]!;
        const to = layerOf(e.to);
        return !rule.imports.includes(to) && !(rule.coreTypes && to === 'core' && e.typeOnly);
      })
      .map((e) => `${name(e.from)} imports ${name(e.to)}${e.typeOnly ? ' (types)' : ''}`);
    expect(wrong).toEqual([]);
  });
});
