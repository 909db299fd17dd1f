import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkOptions, defaultOptions } from '../../src/core/engine';
import { LIMITS } from '../../src/core/schema/limits';
import type { Scenario } from '../../src/core/types';
import { decideMove } from '../../src/session/ai';
import { ScenarioCatalog } from '../../src/session/catalog';
import { openResultCode, parseMoveFile, readResultCode, replayMoves } from '../../src/session/games';
import { readClientMessage, readJoinOptions } from '../../src/session/class/messages';
import { readLink } from '../../src/session/link';
import { Match } from '../../src/session/match';
import { AutoSave, SAVE_KEY, SET_ASIDE_PREFIX } from '../../src/session/save';
import { formatProblem, loadScenario } from '../../src/session/scenario-loader';
import { MemoryStorage } from '../../src/session/storage';
import { busan, fixturePath, loadOrThrow, mini, scenarioPath } from '../helpers';
import { corpus, edited, recipeText, type Case, type CorpusFile, type TextRecipe } from './corpus';
import { codeInput } from './codes';

const files = corpus();
const b = busan();
const shipped: Scenario[] = [b, loadOrThrow(scenarioPath('sandbox.yaml')), mini()];
const find = (id: string) => shipped.find((s) => s.id === id);

/** The answer each class of input gets from the entry point the game uses for it: its message, or null if it was accepted. */
const runners: Record<CorpusFile['kind'], ((c: Case) => string | null) | null> = {
  'scenario-file': (c) => {
    const result = loadScenario('bad.yaml', recipeText(c.input as TextRecipe));
    return result.ok ? null : result.problems.map(formatProblem).join('\n');
  },
  'move-file': (c) => {
    const parsed = parseMoveFile('moves.json', recipeText(c.input as TextRecipe));
    if (!parsed.ok) return parsed.message;
    const played = replayMoves(b, '1', defaultOptions(b), parsed.moves, 'moves.json');
    return played.ok ? null : played.message;
  },
  'result-code': (c) => {
    const code = codeInput(c.input, b);
    if (c.problem) {
      const reading = readResultCode(code, find);
      expect(reading.ok ? 'accepted' : reading.problem).toBe(c.problem);
    }
    const opened = openResultCode(code, find, decideMove);
    return opened.ok ? null : opened.message;
  },
  save: (c) => {
    const storage = new MemoryStorage();
    const text = saveInput(c.input);
    storage.setItem(SAVE_KEY, text);
    const loaded = new AutoSave(storage, miniCatalog(), decideMove).load();
    if (loaded.kind !== 'set-aside') return null;
    // Nothing is lost: the unreadable save is kept byte for byte under its own key.
    expect(storage.getItem(`${SET_ASIDE_PREFIX}1`)).toBe(text);
    return loaded.message;
  },
  link: (c) => {
    const reading = readLink(c.input as string, shipped);
    return reading.kind === 'invalid' ? reading.problems.join('\n') : null;
  },
  options: (c) => {
    const problems = checkOptions(b, c.input);
    return problems.length > 0 ? problems.join('\n') : null;
  },
  'server-message': (c) => {
    const { type, data } = c.input as { type: unknown; data: unknown };
    const read = type === 'join' ? readJoinOptions(data) : readClientMessage(type, data);
    return read.ok ? null : read.message;
  },
  // Command lines are run by the real commands (cli.test.ts).
  'command-line': null,
};

const miniCatalog = () =>
  new ScenarioCatalog(
    [{ file: 'mini.yaml', text: readFileSync(fixturePath('mini.yaml'), 'utf8') }],
    loadScenario,
  );

/** A reference save of a game of mini (the US played a move, the AI answered), as the autosave writes it. */
function referenceSave(): unknown {
  const scenario = mini();
  const match = Match.start(scenario, 's', defaultOptions(scenario, { humans: ['us'] }), decideMove);
  match.play({ type: 'propose', side: 'us', package: { beans: 'lots' } });
  const storage = new MemoryStorage();
  expect(new AutoSave(storage, miniCatalog(), decideMove).write(match)).toBeNull();
  return JSON.parse(storage.getItem(SAVE_KEY)!);
}
const reference = referenceSave();

/** A save input: a text recipe, or `{ edit: [[path, value], ...] }` of the reference save (a value of null under `delete` removes). */
function saveInput(input: unknown): string {
  if (typeof input === 'object' && input !== null && 'edit' in input)
    return JSON.stringify(edited(reference, (input as { edit: [(string | number)[], unknown][] }).edit));
  return recipeText(input as TextRecipe);
}

describe('the corpus of bad inputs', () => {
  it('holds at least 150 inputs, in every class', () => {
    const counts = Object.fromEntries(files.map((f) => [f.kind, f.cases.length]));
    expect(Object.keys(counts).sort()).toEqual([
      'command-line',
      'link',
      'move-file',
      'options',
      'result-code',
      'save',
      'scenario-file',
      'server-message',
    ]);
    expect(files.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(150);
  });

  for (const file of files) {
    const run = runners[file.kind];
    if (!run) continue;
    describe(`${file.kind}s`, () => {
      it.each(file.cases.map((c) => [c.name, c] as const))('refuses %s, naming the problem', (_, c) => {
        const message = run(c);
        expect(message, 'the input was accepted').not.toBeNull();
        for (const words of c.expect) expect(message).toContain(words);
        // No echo of a megabyte: every message stays short whatever the input's size.
        expect(message!.length).toBeLessThan(LIMITS.problemsShown * 400);
      });
    });
  }
});
