import type { Listener } from '../state/store';
import type { Action, Dispatch, Effect } from '../state/actions';
import type { AppState } from '../state/app-state';
import type { AiService } from './ai-service';

/**
 * Asks the AI for its move whenever the match on the table awaits it (a match made with
 * AI_ELSEWHERE), and dispatches the decision as `ai-decided`, tagged with the match's version so
 * that a decision about a game the player has since rewound is dropped (and asked again).
 */
export function aiDriver(service: () => AiService, dispatch: Dispatch): Listener<AppState, Action, Effect> {
  let asked = -1;
  return (next) => {
    const match = next.match;
    if (!match || match.aiToMove() === null || next.matchVersion === asked) return;
    const version = (asked = next.matchVersion);
    service().decide(match.scenario, match.spec).then(
      (decision) => dispatch({ type: 'ai-decided', version, decision }),
      (error: unknown) => dispatch({ type: 'ai-decided', version, decision: null, problem: error instanceof Error ? error.message : String(error) }),
    );
  };
}
