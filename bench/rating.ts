/**
 * `npm run bench:rating`: how long the bargaining-zone rating takes (src/core/rating.ts), on the
 * largest package space shipped (phase-one-2020: 12 issues, 104,976 packages) and on busan-2025.
 * It prints numbers; it asserts nothing. For each scenario, at the start of a game under the
 * default doctrines:
 *
 * - building the zone (every option of every issue valued for both sides);
 * - each side's best deal and the joint gap (branch and bound);
 * - the efficient frontier (two-objective branch and bound), against enumerating every package;
 * - rating a finished game (replay included), and a class chart of 30 finished games.
 */
import { performance } from 'node:perf_hooks';
import { loadShippedScenario } from '../src/cli/scenario-files';
import { applyMove, defaultOptions, newGame } from '../src/core/engine';
import {
  bargainingZone,
  bestDealFor,
  bothRatify,
  dealValues,
  jointGap,
  packageOfOutcome,
  rateGame,
  ratifiableFrontier,
} from '../src/core/rating';
import { doctrineOf } from '../src/core/scenario-lookup';
import type { GameSpec, Move, Scenario } from '../src/core/types';
import { decideMove } from '../src/negotiators/index';
import { dealChart } from '../src/session/deal-chart';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function time(f: () => unknown, repeats = REPEATS): number {
  f(); // warm up
  const xs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

function aiGame(scenario: Scenario, seed: string): GameSpec {
  const options = defaultOptions(scenario);
  let state = newGame(scenario, seed, options);
  const moves: Move[] = [];
  while (state.phase === 'negotiation') {
    const move = decideMove(
      scenario,
      { scenario: { id: scenario.id, version: scenario.version }, seed, options, moves },
      state.turn,
    ).move;
    state = applyMove(scenario, state, move).state;
    moves.push(move);
  }
  return { scenario: { id: scenario.id, version: scenario.version }, seed, options, moves };
}

/** Every package of the zone, valued and checked: what the search avoids. */
function enumerateAll(zone: ReturnType<typeof bargainingZone>): number {
  const radices = zone.issues.map((i) => i.options.length);
  const total = radices.reduce((a, b) => a * b, 1);
  let ratified = 0;
  for (let code = 1; code < total; code++) {
    let rest = code;
    const outcome = radices.map((r) => {
      const o = rest % r;
      rest = Math.floor(rest / r);
      return o;
    });
    const pkg = packageOfOutcome(zone, outcome);
    dealValues(zone, pkg);
    if (bothRatify(zone, pkg)) ratified++;
  }
  return ratified;
}

const ms = (x: number) => `${x.toFixed(2).padStart(9)} ms`;

for (const id of ['phase-one-2020', 'busan-2025']) {
  const scenario = loadShippedScenario(id);
  const options = defaultOptions(scenario);
  const start = newGame(scenario, 'bench', options);
  const doctrines = {
    us: doctrineOf(scenario, options.doctrines.us),
    china: doctrineOf(scenario, options.doctrines.china),
  };
  const zone = bargainingZone(scenario, start, doctrines);
  const packages = zone.issues.reduce((a, i) => a * i.options.length, 1) - 1;
  console.log(
    `${scenario.id}: ${zone.issues.length} issues, ${packages.toLocaleString('en')} packages, doctrines ${doctrines.us.id} / ${doctrines.china.id} (median of ${REPEATS})`,
  );
  console.log(
    `  zone (value every option for both sides)   ${ms(time(() => bargainingZone(scenario, start, doctrines)))}`,
  );
  console.log(
    `  best deal for each side + joint gap        ${ms(time(() => [bestDealFor(zone, 'us'), bestDealFor(zone, 'china'), jointGap(zone, zone.noDeal)]))}`,
  );
  console.log(
    `  efficient frontier (branch and bound)      ${ms(time(() => ratifiableFrontier(zone)))}  (${ratifiableFrontier(zone).length} deals)`,
  );
  console.log(`  every package enumerated, for comparison   ${ms(time(() => enumerateAll(zone), 3))}`);
  const games = Array.from({ length: 30 }, (_, k) => aiGame(scenario, String(k)));
  console.log(
    `  rate one finished game (replay included)   ${ms(time(() => rateGame(scenario, games[0]!)))}`,
  );
  console.log(
    `  class chart: 30 games judged at the start  ${ms(time(() => dealChart(scenario, { moment: 'start', games: games.map((spec, k) => ({ label: `Pair ${k + 1}`, spec })) }), 3))}`,
  );
}
