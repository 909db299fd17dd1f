import { z } from 'zod';
import { scenarioSchema } from '../core/schema/scenario';

/** The JSON Schema editors use to autocomplete and check scenario files (scenarios/schema.json). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://bargaining-chips.invalid/scenario.schema.json',
    title: 'Bargaining Chips scenario',
    description: 'A scenario for Bargaining Chips. Generated from src/core/schema/scenario.ts by `npm run gen:schema`; do not edit by hand.',
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
