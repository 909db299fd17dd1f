import { replay } from '../../core/engine';
import { rateReplay } from '../../core/rating';
import type { GameSpec, Scenario } from '../../core/types';
import { toCsv, type CsvRow } from '../csv';
import { replayResultCode, resultCodeOf } from '../games';
import { ratingsJson, type RatingsJson } from '../outcome';
import { outcomeText } from '../text';
import type { ClassModel } from './model';
import type { ClassExport, ExportGame } from './protocol';

/**
 * A class's results for the teacher: every table's game with its moves, outcome, result code
 * (checked by decoding and replaying it) and ratings under every pair of doctrines, as JSON or
 * as a CSV (one row per game, through the one CSV writer: students' names are untrusted).
 */

/** Whether a result code replays to exactly the game it was made from. */
function verify(scenario: Scenario, code: string, spec: GameSpec): boolean {
  const replayed = replayResultCode(code, (id) => (id === scenario.id ? scenario : undefined));
  return replayed.ok && JSON.stringify(replayed.spec) === JSON.stringify(spec);
}

/** Ratings under every pair of doctrines (keyed "us/china"), for a game whose talks have ended. */
function allRatings(scenario: Scenario, spec: GameSpec): Record<string, RatingsJson> {
  const run = replay(scenario, spec.seed, spec.options, spec.moves);
  if (!run.final.outcome) return {};
  const out: Record<string, RatingsJson> = {};
  for (const us of scenario.doctrines.filter((d) => d.side === 'us'))
    for (const china of scenario.doctrines.filter((d) => d.side === 'china'))
      out[`${us.id}/${china.id}`] = ratingsJson(rateReplay(scenario, run, spec.moves, { us, china }));
  return out;
}

/** Every round's games, in order: each with its round and its table's number in that round (0 is table 1). */
export function exportGames(model: ClassModel): ExportGame[] {
  return exportedTables(model).map((g) => g.game);
}

function exportedTables(model: ClassModel): { id: number; game: ExportGame }[] {
  const scenario = model.scenario;
  const games: { id: number; game: ExportGame }[] = [];
  for (const table of model.tableIds()) {
    const spec = model.spec(table);
    const final = model.finalState(table);
    if (!spec || !final) continue;
    const resultCode = resultCodeOf(scenario, spec);
    const place = model.placeOf(table);
    games.push({
      id: table,
      game: {
        round: place.round,
        table: place.table,
        seats: model.seatsOf(table).map((s) => ({ seat: s.seat, side: s.side, kind: s.kind, name: s.name })),
        scenario: spec.scenario,
        seed: spec.seed,
        options: spec.options,
        moves: spec.moves,
        ended: final.phase === 'ended',
        outcome: final.outcome,
        resultCode,
        verified: verify(scenario, resultCode, spec),
        ratings: final.outcome ? allRatings(scenario, spec) : {},
      },
    });
  }
  return games;
}

export function classExport(model: ClassModel): ClassExport {
  return {
    format: 'bargaining-chips-class',
    version: 1,
    code: model.code,
    title: model.config.title ?? null,
    config: model.config,
    games: exportGames(model),
  };
}

export function classExportJson(model: ClassModel): string {
  return `${JSON.stringify(classExport(model), null, 2)}\n`;
}

/** One row per game (every round's, the round first): who sat where, how it ended, both ratings under the doctrines the class judged by, the verified code, the moves. */
export function classCsv(model: ClassModel): string {
  const scenario = model.scenario;
  const judged = `${model.config.doctrines.us}/${model.config.doctrines.china}`;
  const header: CsvRow = [
    'round',
    'table',
    'us player',
    'us kind',
    'china player',
    'china kind',
    'scenario',
    'seed',
    'moves',
    'ended',
    'outcome',
    'round ended',
    `rating us (${model.config.doctrines.us})`,
    `rating china (${model.config.doctrines.china})`,
    'verified',
    'result code',
    'move log',
  ];
  const rows: CsvRow[] = exportedTables(model).map(({ id, game: g }) => {
    const seat = (side: 'us' | 'china') => g.seats.find((s) => s.side === side);
    // A team's members in one cell, in the order they joined.
    const names = (side: 'us' | 'china') =>
      g.seats
        .filter((s) => s.side === side)
        .map((s) => s.name)
        .join('; ') || null;
    const outcome = g.outcome as { kind: string; round: number } | null;
    const rating = (g.ratings[judged] as RatingsJson | undefined)?.ratings ?? null;
    return [
      g.round ?? 1,
      g.table + 1,
      names('us'),
      seat('us')?.kind,
      names('china'),
      seat('china')?.kind,
      `${g.scenario.id} v${g.scenario.version}`,
      g.seed,
      g.moves.length,
      g.ended,
      outcome ? outcomeText(scenario, model.finalState(id)!.outcome, null) : 'talks go on',
      outcome?.round ?? null,
      rating?.us.rating ?? null,
      rating?.china.rating ?? null,
      g.verified,
      g.resultCode,
      JSON.stringify(g.moves),
    ];
  });
  return toCsv([header, ...rows]);
}
