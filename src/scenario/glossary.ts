import { parseDocument } from 'yaml';
import { z } from 'zod';
import { sourceSchema } from '../core/schema/scenario';

/**
 * The glossary shared by every scenario (scenarios/materials/glossary.yaml): terms with aliases,
 * a definition in the materials' Markdown subset (citations name the glossary's own sources), and
 * related terms. This file checks its shape; `src/session/materials.ts` parses the definitions and
 * finds the terms in running text.
 */

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected an id (letters, digits, ".", "_" or "-")' });
const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' });

export const glossaryTermSchema = z.strictObject({
  id,
  term: text,
  aliases: z.array(text).optional(),
  definition: text,
  related: z.array(id).optional(),
});

export const glossarySchema = z.strictObject({
  sources: z.array(sourceSchema),
  terms: z.array(glossaryTermSchema).min(1, { error: 'the glossary needs at least one term' }),
});

export type Glossary = z.infer<typeof glossarySchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

export type GlossaryResult = { ok: true; glossary: Glossary } | { ok: false; problems: string[] };

/** Parse and check the glossary file: its shape, unique ids, aliases used once, related terms that exist. */
export function loadGlossary(textOfFile: string): GlossaryResult {
  const doc = parseDocument(textOfFile);
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => e.message) };
  const parsed = glossarySchema.safeParse(doc.toJS());
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`),
    };
  const glossary = parsed.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  const names = new Map<string, string>();
  for (const t of glossary.terms) {
    if (ids.has(t.id)) problems.push(`terms: duplicate term id "${t.id}"`);
    ids.add(t.id);
    for (const name of [t.term, ...(t.aliases ?? [])]) {
      const key = name.toLowerCase();
      const other = names.get(key);
      if (other !== undefined && other !== t.id)
        problems.push(`terms.${t.id}: "${name}" is also a name of "${other}"`);
      names.set(key, t.id);
    }
  }
  for (const t of glossary.terms)
    for (const r of t.related ?? [])
      if (!ids.has(r)) problems.push(`terms.${t.id}.related: unknown term "${r}"`);
  const sourceIds = new Set<string>();
  for (const s of glossary.sources) {
    if (sourceIds.has(s.id)) problems.push(`sources: duplicate source id "${s.id}"`);
    sourceIds.add(s.id);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, glossary };
}
