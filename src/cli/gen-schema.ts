/** `npm run gen:schema`: write scenarios/schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchemaText } from '../session/scenario-loader';
import { runMain } from './main';
import { SCENARIO_DIR } from './scenario-files';

runMain('gen:schema', () => {
  const file = join(SCENARIO_DIR, 'schema.json');
  writeFileSync(file, scenarioJsonSchemaText());
  console.log(`wrote ${file}`);
  return 0;
});
