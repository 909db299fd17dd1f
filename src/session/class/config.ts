import { checkOptions } from '../../core/engine';
import { formatPath, schemaProblems } from '../../core/schema/problems';
import type { GameOptions, Scenario, Side } from '../../core/types';
import type { AiPlayer } from '../../core/schema/vocabulary';
import { classConfigSchema, type ClassConfig } from './protocol';

/** A class's configuration checked against its scenario: the shape by the protocol's schema, then the doctrines it names. */
export type ConfigCheck = { ok: true; config: ClassConfig } | { ok: false; problems: string[] };

export function checkClassConfig(scenario: Scenario, data: unknown): ConfigCheck {
  const parsed = classConfigSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, data).map((p) => `${formatPath(p.path)}: ${p.message}`) };
  const config = parsed.data;
  if (config.scenario !== scenario.id) return { ok: false, problems: [`scenario: the class names “${config.scenario}” but the scenario loaded is “${scenario.id}”`] };
  const problems = checkOptions(scenario, tableOptions(config, ['us', 'china'], {})).map((p) => p.replace(/^doctrines/, 'doctrines'));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

/** The seed of a table: the class's, or one per table derived from it (so a class replays from its config). */
export function tableSeed(config: ClassConfig, table: number): string {
  return config.seedPolicy === 'class' ? config.seed : `${config.seed.slice(0, 90)}/t${table}`;
}

/**
 * The seed of a table in a round of the class: round 1's is `tableSeed`'s; a later round's is
 * derived from the class seed and the round number (and, one per pair, the table's number in
 * its round), so every round plays new dice and the class still replays from its config.
 */
export function roundSeed(config: ClassConfig, round: number, table: number): string {
  if (round <= 1) return tableSeed(config, table);
  const base = `${config.seed.slice(0, 85)}/r${round}`;
  return config.seedPolicy === 'class' ? base : `${base}/t${table}`;
}

/** The game options of a table whose `humans` sides are played by students; the AI plays the others at `ai[side]` (normal by default). */
export function tableOptions(config: ClassConfig, humans: Side[], ai: Partial<Record<Side, AiPlayer>>): GameOptions {
  return {
    doctrines: { us: config.doctrines.us, china: config.doctrines.china },
    humans: [...humans],
    difficulty: { us: ai.us ?? 'normal', china: ai.china ?? 'normal' },
    ...(config.rounds !== undefined ? { rounds: config.rounds } : {}),
  };
}
