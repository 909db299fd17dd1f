import { readFileSync } from 'node:fs';
import { replay } from '../../src/core/engine';
import { checkMove } from '../../src/core/rules';
import type { GameSpec, Move, Scenario, Side } from '../../src/core/types';
import type { AiDecision } from '../../src/negotiators/index';
import type { ScenarioFile } from '../../src/session/catalog';
import { fixturePath, scenarioPath } from '../helpers';

export const miniFile = (): ScenarioFile => ({ file: 'mini.yaml', text: readFileSync(fixturePath('mini.yaml'), 'utf8') });
export const busanFile = (): ScenarioFile => ({ file: 'busan-2025.yaml', text: readFileSync(scenarioPath('busan-2025.yaml'), 'utf8') });

/**
 * A scripted AI, pure like the real one: at move number i it plays script[i] if that is its move
 * and legal, otherwise it makes no offer (or rejects the offer on the table).
 */
export function scriptedAi(script: Record<number, Move> = {}) {
  const calls: GameSpec[] = [];
  const decide = (scenario: Scenario, spec: GameSpec, side: Side): AiDecision => {
    calls.push(spec);
    const state = replay(scenario, spec.seed, spec.options, spec.moves).final;
    const next = script[spec.moves.length];
    if (next && next.side === side && checkMove(scenario, state, next).ok) {
      return { move: next, say: `scripted ${next.type}`, analysis: 'a script', posture: next.type === 'propose' ? 'conceding' : 'escalating' };
    }
    const hold: Move = { type: 'hold', side };
    return checkMove(scenario, state, hold).ok ? { move: hold, say: 'scripted hold', analysis: 'a script', posture: 'firm' } : { move: { type: 'reject', side }, say: 'scripted reject', analysis: 'a script', posture: 'firm' };
  };
  return { decide, calls };
}
