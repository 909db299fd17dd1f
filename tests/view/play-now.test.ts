import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intelReport, ledgerOf } from '../../src/negotiators/index';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import { defaultSettings } from '../../src/session/settings';
import { historyData } from '../../src/view/history-data';
import type { Action, Effect } from '../../src/view/state/actions';
import { initialState, type AppState, type Lib } from '../../src/view/state/app-state';
import { pendingSpec } from '../../src/view/state/selectors';
import { Store } from '../../src/view/state/store';
import { QUICK_START, update } from '../../src/view/state/update';
import { scenarioPath } from '../helpers';
import { busanFile, scriptedAi } from '../session/helpers';

/** The title's "Play now": one action to the quick-start briefing, one more to the table. */

const zteFile = () => ({ file: 'zte-2018.yaml', text: readFileSync(scenarioPath('zte-2018.yaml'), 'utf8') });

function started(files = [busanFile(), zteFile()]) {
  const ai = scriptedAi({});
  const lib: Lib = {
    catalog: new ScenarioCatalog(files, loadScenario),
    ai: { negotiators: ai.decide, ledgerOf, intelReport },
    history: historyData,
  };
  let seeds = 0;
  const store = new Store<AppState, Action, Effect>(initialState(defaultSettings()), (state, action) =>
    update(state, action, { randomSeed: () => `random-${++seeds}` }),
  );
  store.dispatch({ type: 'started', lib, saved: { kind: 'empty' }, storageProblem: null });
  return store;
}

describe('Play now', () => {
  it('goes from the title to the Busan briefing as the US against the normal AI, with a fresh random seed', () => {
    const store = started();
    store.dispatch({ type: 'play-now' });
    const s = store.getState();
    expect(s.screen).toBe('briefing');
    expect(s.scenario?.id).toBe(QUICK_START.scenario);
    expect(s.setup).toMatchObject({ side: 'us', difficulty: 'normal', seed: 'random-1' });
    expect(pendingSpec(s)?.options.humans).toEqual(['us']);
    store.dispatch({ type: 'navigate', screen: 'title' });
    store.dispatch({ type: 'play-now' });
    expect(store.getState().setup?.seed).toBe('random-2');
  });

  it('reaches the table with one more action', () => {
    const store = started();
    store.dispatch({ type: 'play-now' });
    store.dispatch({ type: 'start-match' });
    const s = store.getState();
    expect(s.screen).toBe('table');
    expect(s.match?.spec.scenario.id).toBe('busan-2025');
    expect(s.match?.spec.seed).toBe('random-1');
    expect(s.match?.spec.options.difficulty.china).toBe('normal');
  });

  it('starts the first scenario listed when the quick-start scenario is missing', () => {
    const store = started([zteFile()]);
    store.dispatch({ type: 'play-now' });
    expect(store.getState().scenario?.id).toBe('zte-2018');
    expect(store.getState().screen).toBe('briefing');
  });
});
