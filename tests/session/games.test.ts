import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import { decideMove } from '../../src/session/ai';
import {
  openResultCode,
  parseMoveFile,
  playOut,
  readResultCode,
  replayMoves,
  replayResultCode,
  resultCodeOf,
} from '../../src/session/games';
import { loadScenario } from '../../src/session/scenario-loader';
import { busan, fixturePath } from '../helpers';

const b = busan();
const find = (id: string) => (id === b.id ? b : undefined);

describe('games from outside', () => {
  it('read a move file saved with a byte-order mark (Windows Notepad does), and a scenario file too', () => {
    const text =
      '\ufeff[{"type":"propose","side":"us","package":{"tariffTruce":"extended-1yr"}},{"type":"accept","side":"china"}]';
    const parsed = parseMoveFile('moves.json', text);
    expect(parsed.ok && parsed.moves).toHaveLength(2);
    expect(loadScenario('mini.yaml', `\ufeff${readFileSync(fixturePath('mini.yaml'), 'utf8')}`).ok).toBe(
      true,
    );
  });

  it('replay a move log, naming the first move that is not legal', () => {
    const options = defaultOptions(b);
    const good = replayMoves(b, '1', options, [{ type: 'walkout', side: 'us' }]);
    expect(good.ok && good.final.outcome).toEqual({ kind: 'walkout', round: 1, by: 'us' });
    expect(good.ok && good.explanations[0]![0]!.text).toBe('The United States walks out of the talks.');
    const bad = replayMoves(
      b,
      '1',
      options,
      [
        { type: 'hold', side: 'us' },
        { type: 'hold', side: 'us' },
      ],
      'log.json',
    );
    expect(!bad.ok && bad.message).toBe(
      'log.json: move 2 {"type":"hold","side":"us"}: illegal move: it is not the turn of United States: China moves now',
    );
    expect(replayMoves(b, 'x'.repeat(200), options, [])).toEqual({
      ok: false,
      message: 'the game cannot start: its options are invalid (seed: a seed has at most 100 characters)',
    });
  });

  it('open a result code: the game it records, the AI playing on where it stopped', () => {
    const spec = {
      scenario: { id: b.id, version: b.version },
      seed: '3',
      options: defaultOptions(b, { humans: ['us'] }),
      moves: [{ type: 'hold' as const, side: 'us' as const }],
    };
    const code = resultCodeOf(b, spec);
    const opened = openResultCode(code, find, decideMove);
    expect(opened.ok && opened.match.moves.length).toBe(2);
    expect(opened.ok && opened.match.humanToMove()).toBe('us');
    const checked = replayResultCode(code, find);
    expect(checked.ok && checked.replayed.final.moveCount).toBe(1);
    expect(readResultCode(42, find)).toMatchObject({ ok: false, problem: 'not-a-code' });
  });

  it('play out a game of the random player against the AI, and record the random player in its code', () => {
    const played = playOut(
      b,
      '5',
      defaultOptions(b, { difficulty: { us: 'random', china: 'normal' } }),
      decideMove,
    );
    expect(played.ok).toBe(true);
    if (!played.ok) return;
    expect(played.match.ended).toBe(true);
    const reading = readResultCode(resultCodeOf(b, played.match.spec), find);
    expect(reading.ok && reading.spec.options.difficulty).toEqual({ us: 'random', china: 'normal' });
    expect(reading.ok && reading.spec.moves).toEqual(played.match.moves);
  });
});
