import type { Scenario } from '../core/types';
import { aiChoiceAt, type AiAgreement, type AiStepComparison } from '../session/ai-agreement';
import { fidelitySummary, type FidelitySummary } from '../session/fidelity-summary';
import { GLOSSARY_FILE, materialsFor, type EpisodeMaterials, type MaterialFile } from '../session/material-set';
import { loadGlossary } from '../session/scenario-loader';
import type { MaterialsData } from './state/app-state';

/**
 * The teaching materials shipped in scenarios/materials (background briefs, role briefs, teacher's
 * guides, the glossary), embedded in the history screens' chunk as text and parsed here, and the
 * teaching notes' costlier figures (the AI's choices at history's steps, the share of seeds in
 * band), each computed once per scenario when a screen first asks.
 */

const embedded = import.meta.glob(['/scenarios/materials/*/*.md', '/scenarios/materials/glossary.yaml'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Memoise a function of a scenario (and a number). */
function perScenario<T>(compute: (scenario: Scenario, n: number) => T): (scenario: Scenario, n?: number) => T {
  const cache = new WeakMap<Scenario, Map<number, T>>();
  return (scenario, n = 0) => {
    let byN = cache.get(scenario);
    if (!byN) cache.set(scenario, (byN = new Map()));
    if (!byN.has(n)) byN.set(n, compute(scenario, n));
    return byN.get(n)!;
  };
}

/** The materials data of a set of files (the shipped ones in the browser; any set in a test). */
export function materialsData(files: readonly MaterialFile[]): MaterialsData {
  const problems: string[] = [];
  const glossaryFile = files.find((f) => f.path === GLOSSARY_FILE);
  let glossary: MaterialsData['glossary'] = null;
  if (!glossaryFile) problems.push(`${GLOSSARY_FILE}: the glossary is missing`);
  else {
    const r = loadGlossary(glossaryFile.text);
    if (r.ok) glossary = r.glossary;
    else problems.push(...r.problems.map((p) => `${GLOSSARY_FILE}: ${p}`));
  }
  const parsed = new Map<string, EpisodeMaterials>();
  const choice = perScenario<AiStepComparison | null>((s, step) => aiChoiceAt(s, step));
  const agreement = perScenario<AiAgreement>((s) => {
    // The steps already asked for one by one are reused.
    const path = s.history?.path ?? [];
    const steps = path.map((_, i) => choice(s, i)).filter((c): c is AiStepComparison => c !== null);
    return {
      matched: steps.filter((c) => c.matched).length,
      total: steps.length,
      sameType: steps.filter((c) => c.sameType).length,
      steps,
    };
  });
  const fidelity = perScenario<FidelitySummary>((s) => fidelitySummary(s));
  return {
    glossary,
    problems,
    materialsOf(id) {
      let m = parsed.get(id);
      if (!m) parsed.set(id, (m = materialsFor(id, files)));
      return m;
    },
    aiChoiceOf: (scenario, step) => choice(scenario, step),
    aiAgreementOf: (scenario) => agreement(scenario),
    fidelityOf: (scenario) => fidelity(scenario),
  };
}

/** The files shipped in scenarios/materials, relative to that folder. */
export function embeddedMaterialFiles(): MaterialFile[] {
  return Object.entries(embedded)
    .map(([path, text]) => ({ path: path.replace(/^\/scenarios\/materials\//, ''), text }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
