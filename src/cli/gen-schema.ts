/** `npm run gen:schema`: write scenarios/schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchemaText } from '../scenario/json-schema';
import { SCENARIO_DIR } from './scenario-files';

const file = join(SCENARIO_DIR, 'schema.json');
writeFileSync(file, scenarioJsonSchemaText());
console.log(`wrote ${file}`);
