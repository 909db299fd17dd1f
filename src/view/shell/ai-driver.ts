import type { Listener } from '../state/store';
import type { Action, Dispatch, Effect } from '../state/actions';
import type { AppState } from '../state/app-state';
import type { AiService } from './ai-service';

/**
 * Asks the AI for its move whenever the match on the table awaits it (a match made with
 * AI_ELSEWHERE), and dispatches the decision as `ai-decided`, tagged with the match's version so
 * that a decision about a game the player has since rewound is dropped (and asked again).
 * While the player is to move, the AI is shown the game so far (once per version), so that its
 * worker is started, has the game and has made its seats before the player's move asks it.
 */
export function aiDriver(service: () => AiService, dispatch: Dispatch): Listener<AppState, Action, Effect> {
  let asked = -1;
  let prepared: { match: unknown; version: number } | null = null;
  return (next) => {
    const match = next.match;
    if (!match) return;
    if (match.aiToMove() === null) {
      if (!match.aiElsewhere || match.humanToMove() === null) return;
      if (prepared?.match === match && prepared.version === next.matchVersion) return;
      prepared = { match, version: next.matchVersion };
      service().prepare(match.scenario, match.spec);
      return;
    }
    if (next.matchVersion === asked) return;
    const version = (asked = next.matchVersion);
    service().decide(match.scenario, match.spec).then(
      (decision) => dispatch({ type: 'ai-decided', version, decision }),
      (error: unknown) => dispatch({ type: 'ai-decided', version, decision: null, problem: error instanceof Error ? error.message : String(error) }),
    );
  };
}
