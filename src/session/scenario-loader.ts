/**
 * The scenario loader (src/scenario) as the session hands it out: the browser fetches this module
 * after the first frame and passes `loadScenario` to the catalog; the command line checks files
 * and writes the editors' JSON Schema with it.
 */
export {
  formatProblem,
  loadScenario,
  loadScenarioSet,
  type LoadResult,
  type ScenarioProblem,
  type ScenarioSet,
} from '../scenario/loader';
export { scenarioJsonSchemaText } from '../scenario/json-schema';
export { blockedSources, parseBlockedDomains } from '../scenario/blocked-sources';
export { loadGlossary, type Glossary, type GlossaryTerm } from '../scenario/glossary';
