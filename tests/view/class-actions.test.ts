import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { GameSpec, Move } from '../../src/core/types';
import { intelReport, ledgerOf } from '../../src/negotiators/index';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import { resultCodeOf } from '../../src/session/games';
import { defaultSettings } from '../../src/session/settings';
import { historyData } from '../../src/view/history-data';
import type { Action, Effect } from '../../src/view/state/actions';
import { initialState, type AppState, type Lib } from '../../src/view/state/app-state';
import { Store } from '../../src/view/state/store';
import { update } from '../../src/view/state/update';
import { busan } from '../helpers';
import { busanFile, scriptedAi } from '../session/helpers';

/** The class page and the hot seat as actions, in Node with the real session. */

function game() {
  const ai = scriptedAi();
  const lib: Lib = {
    catalog: new ScenarioCatalog([busanFile()], loadScenario),
    ai: { negotiators: ai.decide, ledgerOf, intelReport },
    history: historyData,
  };
  const store = new Store<AppState, Action, Effect>(initialState(defaultSettings()), (state, action) =>
    update(state, action, { randomSeed: () => 'seed' }),
  );
  const effects: Effect[] = [];
  store.subscribe((_n, _p, e) => effects.push(...e));
  store.dispatch({ type: 'started', lib, saved: { kind: 'empty' }, storageProblem: null });
  return { dispatch: (a: Action) => store.dispatch(a), state: () => store.getState(), effects };
}

const b = busan();
const spec = (seed: string, moves: Move[]): GameSpec => ({
  scenario: { id: b.id, version: b.version },
  seed,
  options: defaultOptions(b, { humans: ['us'] }),
  moves,
});

describe('the class page from result codes', () => {
  it('reads, verifies and debriefs a list; a bad line is listed with its reason; a game opens at its debrief and leads back', () => {
    const g = game();
    const deal = resultCodeOf(b, spec('1', [{ type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } }, { type: 'accept', side: 'china' }]));
    const walk = resultCodeOf(b, spec('2', [{ type: 'walkout', side: 'us' }]));
    g.dispatch({ type: 'navigate', screen: 'class-page' });
    g.dispatch({ type: 'class-read-codes', text: `Ana: ${deal}\nBo: ${walk}\nnot a code\n` });
    const page = g.state().classPage;
    expect(page.games.map((x) => x.name)).toEqual(['Ana', 'Bo']);
    expect(page.rejected).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('no result code') })]);
    expect(page.debrief?.outcomes).toEqual({ deal: 1, walkout: 1, deadline: 0 });
    expect(g.effects.at(-1)).toEqual({ kind: 'announce', text: expect.stringMatching(/^2 games verified, 1 line rejected/) });
    g.dispatch({ type: 'class-open-game', index: 2, from: 'class-page' });
    expect(g.state().screen).toBe('debrief');
    expect(g.state().backToClass).toBe('class-page');
    expect(g.state().match?.state.outcome?.kind).toBe('walkout');
    g.dispatch({ type: 'navigate', screen: 'class-page' });
    expect(g.state().classPage.games).toHaveLength(2);
    g.dispatch({ type: 'open-code', code: deal });
    expect(g.state().backToClass).toBeNull();
  });

  it('keeps a student’s name one line and bounded', () => {
    const g = game();
    g.dispatch({ type: 'set-student-name', name: ' Ana\n<b>Li</b> ' + 'x'.repeat(100) });
    expect(g.state().studentName).toMatch(/^Ana <b>Li<\/b> x+$/);
    expect([...g.state().studentName]).toHaveLength(60);
  });
});

describe('hot seat', () => {
  it('both sides human; each move hands the device over, and the table is the mover’s until the game ends', () => {
    const g = game();
    g.dispatch({ type: 'choose-scenario', id: 'busan-2025' });
    g.dispatch({ type: 'change-setup', change: { hotSeat: true } });
    g.dispatch({ type: 'continue-to-briefing', seed: 'hs' });
    g.dispatch({ type: 'start-match' });
    const m = () => g.state().match!;
    expect(m().humans).toEqual(['us', 'china']);
    expect(g.state().screen).toBe('pass-device');
    expect(g.state().passTo).toBe('us');
    g.dispatch({ type: 'set-chip', issue: 'tariffTruce', position: 'extended-1yr', inPackage: true });
    g.dispatch({ type: 'take-device' });
    expect(g.state().screen).toBe('table');
    expect(m().playerSide).toBe('us');
    g.dispatch({ type: 'play', move: { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } } });
    // Nobody played for China: the device goes to China, whose view is hidden till it takes it.
    expect(m().moves).toHaveLength(1);
    expect(g.state().screen).toBe('pass-device');
    expect(g.state().passTo).toBe('china');
    expect(m().playerSide).toBe('china');
    g.dispatch({ type: 'take-device' });
    expect(g.state().screen).toBe('table');
    g.dispatch({ type: 'play', move: { type: 'accept', side: 'china' } });
    expect(m().ended).toBe(true);
    expect(g.state().screen).toBe('table');
    expect(g.state().passTo).toBeNull();
  });

  it('a reload of a hot-seat game comes back behind the hand-over screen', () => {
    const g = game();
    g.dispatch({ type: 'choose-scenario', id: 'busan-2025' });
    g.dispatch({ type: 'change-setup', change: { hotSeat: true } });
    g.dispatch({ type: 'continue-to-briefing', seed: 'hs' });
    g.dispatch({ type: 'start-match' });
    g.dispatch({ type: 'take-device' });
    g.dispatch({ type: 'play', move: { type: 'hold', side: 'us' } });
    const match = g.state().match!;
    const again = game();
    again.dispatch({ type: 'navigate', screen: 'title' });
    // The autosave's resume goes through the same door as a reload.
    const s = again.state();
    const lib = s.lib!;
    again.dispatch({ type: 'started', lib, saved: { kind: 'ok', match: match as never, scenario: match.scenario, save: { scenarioFile: undefined } as never }, storageProblem: null });
    expect(again.state().screen).toBe('pass-device');
    expect(again.state().passTo).toBe('china');
  });
});
