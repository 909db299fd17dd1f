import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema';
import { scenarioPath } from '../helpers';

describe('scenarios/schema.json', () => {
  it('is up to date with the zod schema (run `npm run gen:schema` after changing it)', () => {
    expect(readFileSync(scenarioPath('schema.json'), 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('lets editors complete the enumerations', () => {
    const schema = JSON.parse(scenarioJsonSchemaText());
    const issue = schema.properties.issues.items;
    expect(issue.properties.category.enum).toEqual(['security-control', 'economic', 'strategic-resource', 'access', 'unrelated-priority']);
    expect(issue.required).toEqual(expect.arrayContaining(['id', 'holder', 'statusQuo', 'positions']));
  });
});
