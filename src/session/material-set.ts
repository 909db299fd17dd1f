import type { Scenario } from '../core/types';
import { loadGlossary, type Glossary } from '../scenario/glossary';
import { checkMaterial, parseMaterial, type MaterialDocument } from './materials';

/**
 * The teaching materials shipped beside the scenarios, as a set: for each historical episode a
 * background brief, role briefs and a teacher's guide (scenarios/materials/<scenario-id>/…), and
 * one glossary (scenarios/materials/glossary.yaml). The files arrive as text (the CLI reads them
 * from disk, the browser build embeds them); everything here is pure.
 */

export const MATERIAL_KINDS = ['background', 'roles', 'teacher-guide'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const GLOSSARY_FILE = 'glossary.yaml';

export interface MaterialFile {
  /** Relative to scenarios/materials, e.g. "zte-2018/background.md" or "glossary.yaml". */
  path: string;
  text: string;
}

export interface MaterialSetProblem {
  file: string;
  line?: number;
  message: string;
}

/** "zte-2018/background.md" → { scenario: "zte-2018", kind: "background" }, or null for any other path. */
export function materialPath(path: string): { scenario: string; kind: MaterialKind } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\/([a-z-]+)\.md$/.exec(path);
  if (!m || !(MATERIAL_KINDS as readonly string[]).includes(m[2]!)) return null;
  return { scenario: m[1]!, kind: m[2] as MaterialKind };
}

export interface EpisodeMaterials {
  background: MaterialDocument | null;
  roles: MaterialDocument | null;
  'teacher-guide': MaterialDocument | null;
}

/** The parsed materials of one scenario (null where a file is missing). */
export function materialsFor(scenarioId: string, files: readonly MaterialFile[]): EpisodeMaterials {
  const out: EpisodeMaterials = { background: null, roles: null, 'teacher-guide': null };
  for (const f of files) {
    const p = materialPath(f.path);
    if (p && p.scenario === scenarioId) out[p.kind] = parseMaterial(f.text);
  }
  return out;
}

/** The glossary of a set, or null when it is missing or does not load. */
export function glossaryOf(files: readonly MaterialFile[]): Glossary | null {
  const file = files.find((f) => f.path === GLOSSARY_FILE);
  if (!file) return null;
  const r = loadGlossary(file.text);
  return r.ok ? r.glossary : null;
}

/**
 * Check a whole set: every file parses, names a known scenario and kind, cites only that
 * scenario's sources (the glossary: its own), and links only to glossary terms that exist; every
 * scenario in `required` has all three files.
 */
export function checkMaterialSet(
  scenarios: readonly Scenario[],
  files: readonly MaterialFile[],
  required: readonly string[] = [],
): MaterialSetProblem[] {
  const problems: MaterialSetProblem[] = [];
  const glossaryFile = files.find((f) => f.path === GLOSSARY_FILE);
  let terms = new Set<string>();
  if (!glossaryFile) {
    problems.push({ file: GLOSSARY_FILE, message: 'the glossary is missing' });
  } else {
    const g = loadGlossary(glossaryFile.text);
    if (!g.ok) {
      for (const message of g.problems) problems.push({ file: GLOSSARY_FILE, message });
    } else {
      terms = new Set(g.glossary.terms.map((t) => t.id));
      const sources = new Set(g.glossary.sources.map((s) => s.id));
      for (const t of g.glossary.terms) {
        for (const p of checkMaterial(parseMaterial(t.definition), { sources, terms }))
          problems.push({ file: GLOSSARY_FILE, message: `term "${t.id}": ${p.message}` });
      }
    }
  }
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path === GLOSSARY_FILE) continue;
    const p = materialPath(f.path);
    if (!p) {
      problems.push({
        file: f.path,
        message: `not a material file: expected <scenario-id>/${MATERIAL_KINDS.join('|')}.md`,
      });
      continue;
    }
    const scenario = byId.get(p.scenario);
    if (!scenario) {
      problems.push({ file: f.path, message: `no scenario "${p.scenario}"` });
      continue;
    }
    seen.add(f.path);
    const doc = parseMaterial(f.text);
    if (!doc.blocks.some((b) => b.type === 'heading'))
      problems.push({ file: f.path, line: 1, message: 'a material needs a heading to give it a title' });
    const sources = new Set(scenario.sources.map((s) => s.id));
    for (const q of checkMaterial(doc, { sources, terms }))
      problems.push({ file: f.path, line: q.line, message: q.message });
  }
  for (const id of required) {
    for (const kind of MATERIAL_KINDS)
      if (!seen.has(`${id}/${kind}.md`))
        problems.push({ file: `${id}/${kind}.md`, message: `the ${kind} of ${id} is missing` });
  }
  return problems;
}
