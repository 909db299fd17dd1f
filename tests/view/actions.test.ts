import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/engine';
import type { Move } from '../../src/core/types';
import { intelReport, ledgerOf } from '../../src/negotiators/index';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import { defaultSettings } from '../../src/session/settings';
import { historyData } from '../../src/view/history-data';
import type { Action, Effect } from '../../src/view/state/actions';
import { initialState, type AppState, type Lib } from '../../src/view/state/app-state';
import { currentReplay, pendingSpec } from '../../src/view/state/selectors';
import { Store } from '../../src/view/state/store';
import { update } from '../../src/view/state/update';
import { scenarioPath } from '../helpers';
import { busanFile, scriptedAi } from '../session/helpers';

/**
 * The view's actions in Node, with the real session, scenarios and history code (the AI is
 * scripted where its choice does not matter, to keep the test quick). What the screens show is
 * a function of this state, so these are the game's behaviours without a browser.
 */

const zteFile = () => ({ file: 'zte-2018.yaml', text: readFileSync(scenarioPath('zte-2018.yaml'), 'utf8') });

function game(script: Record<number, Move> = {}) {
  const ai = scriptedAi(script);
  const lib: Lib = {
    catalog: new ScenarioCatalog([busanFile(), zteFile()], loadScenario),
    ai: { negotiators: ai.decide, ledgerOf, intelReport },
    history: historyData,
  };
  let seeds = 0;
  const store = new Store<AppState, Action, Effect>(initialState(defaultSettings()), (state, action) =>
    update(state, action, { randomSeed: () => `seed-${++seeds}` }),
  );
  const seen: { action: Action; effects: readonly Effect[] }[] = [];
  store.subscribe((_next, _prev, effects, action) => seen.push({ action, effects }));
  const dispatch = (action: Action) => store.dispatch(action);
  const effectsOf = (action: Action) => {
    const before = seen.length;
    dispatch(action);
    return seen.slice(before).flatMap((s) => s.effects);
  };
  return { store, lib, dispatch, effectsOf, seen, state: () => store.getState(), ai };
}

function toTable(g: ReturnType<typeof game>, side: 'us' | 'china' = 'us') {
  g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
  g.dispatch({ type: 'choose-scenario', id: 'busan-2025' });
  g.dispatch({ type: 'change-setup', change: { side } });
  g.dispatch({ type: 'continue-to-briefing', seed: 'table-seed' });
  g.dispatch({ type: 'start-match' });
}

describe('the view store', () => {
  it('runs an action dispatched by a listener after every listener has seen the current one', () => {
    type S = { n: number };
    const store = new Store<S, 'inc', string>({ n: 0 }, (s) => ({
      state: { n: s.n + 1 },
      effects: [`now ${s.n + 1}`],
    }));
    const log: string[] = [];
    store.subscribe((next, prev, effects) => {
      log.push(`a ${prev.n}->${next.n} ${effects.join()}`);
      if (next.n === 1) store.dispatch('inc');
    });
    store.subscribe((next) => log.push(`b ${next.n}`));
    store.dispatch('inc');
    expect(log).toEqual(['a 0->1 now 1', 'b 1', 'a 1->2 now 2', 'b 2']);
  });

  it('tells no listener when an action changes nothing and asks nothing', () => {
    const g = game();
    const before = g.state();
    // Before the game's code is in, a game action changes nothing.
    g.dispatch({ type: 'choose-scenario', id: 'busan-2025' });
    g.dispatch({ type: 'close-settings' });
    expect(g.state()).toBe(before);
    expect(g.seen).toEqual([]);
    g.dispatch({ type: 'open-settings' });
    expect(g.seen.map((s) => s.action.type)).toEqual(['open-settings']);
  });
});

describe('the actions', () => {
  it('start on the title, with every scenario listed, and report a storage problem there', () => {
    const g = game();
    g.dispatch({
      type: 'started',
      lib: g.lib,
      saved: { kind: 'empty' },
      storageProblem: 'This browser does not let the game save',
    });
    expect(g.state().screen).toBe('title');
    expect(g.state().scenarios.entries.map((e) => e.scenario.id)).toEqual(['busan-2025', 'zte-2018']);
    expect(g.state().notices).toEqual([{ kind: 'error', text: 'This browser does not let the game save' }]);
    // Notices belong to the screen they were given on.
    g.dispatch({ type: 'navigate', screen: 'choice' });
    expect(g.state().notices).toEqual([]);
  });

  it('set up a game: the side brings its default doctrine, the typed seed is kept, a take-over is not', () => {
    const g = game();
    g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
    g.dispatch({ type: 'choose-scenario', id: 'busan-2025' });
    const setup = g.state().setup!;
    expect(g.state().screen).toBe('setup');
    expect(setup).toMatchObject({ side: 'us', difficulty: 'normal', seed: 'seed-1' });
    const usDoctrine = setup.doctrine;
    g.dispatch({ type: 'change-setup', change: { seed: 'typed', side: 'china' } });
    expect(g.state().setup).toMatchObject({ side: 'china', seed: 'typed' });
    expect(g.state().setup!.doctrine).not.toBe(usDoctrine);
    g.dispatch({ type: 'new-seed' });
    expect(g.state().setup!.seed).toBe('seed-2');
    g.dispatch({ type: 'continue-to-briefing', seed: '  class-7 ' });
    expect(g.state().screen).toBe('briefing');
    expect(pendingSpec(g.state())!.seed).toBe('class-7');
  });

  it('start a match, play a move with the AI’s reply, and ask for the focus, a sound and an announcement', () => {
    const g = game();
    toTable(g);
    const s = g.state();
    expect(s.screen).toBe('table');
    expect(s.match!.spec.seed).toBe('table-seed');
    const version = s.matchVersion;
    const chipEffects = g.effectsOf({
      type: 'set-chip',
      issue: 'soybeanPurchases',
      position: '12mmt',
      inPackage: true,
    });
    expect(g.state().draft).toEqual({ soybeanPurchases: '12mmt' });
    expect(chipEffects).toEqual([{ kind: 'sound', cue: 'chip' }]);
    const effects = g.effectsOf({
      type: 'play',
      move: { type: 'propose', side: 'us', package: g.state().draft },
    });
    const after = g.state();
    expect(after.matchVersion).toBe(version + 1);
    expect(after.draft).toEqual({});
    expect(after.lastTurns.map((t) => t.by)).toEqual(['human', 'ai']);
    expect(effects.map((e) => e.kind)).toEqual(['focus-after-move', 'announce', 'sound']);
    expect(effects).toContainEqual({ kind: 'sound', cue: 'ai' });
  });

  it('refuse an illegal move with a notice and the error cue, and leave the match as it was', () => {
    const g = game();
    toTable(g);
    const spec = g.state().match!.spec;
    const effects = g.effectsOf({ type: 'play', move: { type: 'accept', side: 'us' } });
    expect(g.state().notices[0]!.text).toMatch(/^That move is not allowed: /);
    expect(effects).toEqual([{ kind: 'sound', cue: 'error' }]);
    expect(g.state().match!.spec).toEqual(spec);
  });

  it('walk out, compute the debrief once, and drop it when a rewind changes the game', () => {
    const g = game();
    toTable(g);
    g.dispatch({ type: 'play', move: { type: 'hold', side: 'us' } });
    g.dispatch({ type: 'ask-walkout' });
    expect(g.state().confirmingWalkout).toBe(true);
    g.dispatch({ type: 'play', move: { type: 'walkout', side: 'us' } });
    expect(g.state().match!.ended).toBe(true);
    expect(g.state().confirmingWalkout).toBe(false);
    g.dispatch({ type: 'navigate', screen: 'debrief' });
    const first = g.state().debrief!;
    expect(first.debrief.outcome.kind).toBe('walkout');
    // Busan is a real episode: the game is set beside history, replayed under the game's seed.
    expect(first.history?.seed).toBe('table-seed');
    g.dispatch({ type: 'navigate', screen: 'title' });
    g.dispatch({ type: 'navigate', screen: 'debrief' });
    expect(g.state().debrief).toBe(first);
    g.dispatch({ type: 'rewind', round: 1 });
    expect(g.state().screen).toBe('table');
    expect(g.state().match!.ended).toBe(false);
    expect(g.state().debrief!.key).not.toBe(JSON.stringify(g.state().match!.spec));
  });

  it('open a result code: a bad one says why and keeps the text, a good one opens its game', () => {
    const g = game();
    toTable(g);
    g.dispatch({ type: 'play', move: { type: 'walkout', side: 'us' } });
    g.dispatch({ type: 'navigate', screen: 'debrief' });
    const spec = g.state().match!.spec;
    const busan = g.state().match!.scenario;
    const code = g.state().debrief!.debrief.resultCode;
    const fresh = game();
    fresh.dispatch({ type: 'started', lib: fresh.lib, saved: { kind: 'empty' }, storageProblem: null });
    fresh.dispatch({ type: 'navigate', screen: 'load-code' });
    const bad = code.slice(0, -3);
    fresh.dispatch({ type: 'open-code', code: bad });
    expect(fresh.state().code.text).toBe(bad);
    expect(fresh.state().code.error).toMatch(/^This code cannot be opened: .*(truncated|altered)/);
    expect(fresh.state().screen).toBe('load-code');
    const effects = fresh.effectsOf({ type: 'open-code', code });
    expect(fresh.state().screen).toBe('debrief');
    expect(fresh.state().code).toEqual({ text: '', error: null });
    expect(fresh.state().match!.spec).toEqual(spec);
    expect(fresh.state().debrief!.debrief.outcome).toEqual(
      replay(busan, spec.seed, spec.options, spec.moves).final.outcome,
    );
    expect(effects).toEqual([
      { kind: 'announce', text: `Opened a finished game of ${busan.title}: its debrief follows.` },
    ]);
  });

  it('open a link: a game link fills in the setup, a code link opens its game, a bad one says what is wrong by name', () => {
    const g = game();
    g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
    g.dispatch({ type: 'open-link', query: 'scenario=zte-2018&side=china&difficulty=hard&seed=%3Cb%3E7' });
    expect(g.state().screen).toBe('setup');
    expect(g.state().scenario!.id).toBe('zte-2018');
    expect(g.state().setup).toMatchObject({ side: 'china', difficulty: 'hard', seed: '<b>7' });

    const bad = game();
    bad.dispatch({ type: 'started', lib: bad.lib, saved: { kind: 'empty' }, storageProblem: null });
    const effects = bad.effectsOf({ type: 'open-link', query: 'scenario=nope&difficulty=impossible' });
    expect(bad.state().screen).toBe('title');
    const text = bad.state().notices.map((n) => n.text).join(' ');
    expect(text).toMatch(/^This link cannot be opened: .*"difficulty"/);
    expect(effects).toEqual([{ kind: 'announce', text }]);
    bad.dispatch({ type: 'open-link', query: 'scenario=nope' });
    expect(bad.state().notices.at(-1)!.text).toMatch(/no scenario "nope" \(it has busan-2025, zte-2018\)/);

    toTable(g);
    g.dispatch({ type: 'play', move: { type: 'walkout', side: 'us' } });
    g.dispatch({ type: 'navigate', screen: 'debrief' });
    const code = g.state().debrief!.debrief.resultCode;
    const fresh = game();
    fresh.dispatch({ type: 'started', lib: fresh.lib, saved: { kind: 'empty' }, storageProblem: null });
    fresh.dispatch({ type: 'open-link', query: `code=${encodeURIComponent(code.slice(0, -3))}` });
    expect(fresh.state().screen).toBe('load-code');
    expect(fresh.state().code.error).toMatch(/^This code cannot be opened/);
    fresh.dispatch({ type: 'open-link', query: `code=${encodeURIComponent(code)}` });
    expect(fresh.state().screen).toBe('debrief');
  });

  it('open a replay link at the step the screen numbers, and say on the title what is wrong with a bad one', () => {
    const g = game();
    g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
    const effects = g.effectsOf({ type: 'open-link', query: 'replay=zte-2018&step=2' });
    expect(g.state().screen).toBe('replay');
    expect(g.state().replaying).toEqual({ id: 'zte-2018', position: 2 });
    expect(effects[0]).toMatchObject({ kind: 'announce', text: expect.stringMatching(/Step 2 of/) });
    g.dispatch({ type: 'open-link', query: 'replay=busan-2025' });
    expect(g.state().replaying).toEqual({ id: 'busan-2025', position: 0 });

    const bad = game();
    bad.dispatch({ type: 'started', lib: bad.lib, saved: { kind: 'empty' }, storageProblem: null });
    bad.dispatch({ type: 'open-link', query: 'replay=zte-2018&step=99' });
    expect(bad.state().screen).toBe('title');
    expect(bad.state().replaying).toBeNull();
    expect(bad.state().notices.at(-1)!.text).toMatch(/^This link cannot be opened: the parameter "step": there is no step 99; the steps of zte-2018 are numbered 1 to \d+/);
  });

  it('move the highlight without touching anything else, and not at all when it is already there', () => {
    const g = game();
    g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
    const before = g.state();
    g.dispatch({ type: 'highlight-scenario', id: 'zte-2018' });
    const after = g.state();
    expect(after.highlight.scenario).toBe('zte-2018');
    expect(
      Object.keys(after).filter((k) => after[k as keyof AppState] !== before[k as keyof AppState]),
    ).toEqual(['highlight']);
    g.dispatch({ type: 'highlight-scenario', id: 'zte-2018' });
    expect(g.state()).toBe(after);
  });

  it('step through a replay (clamped, announced), then take over at a decision point', () => {
    const g = game();
    g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
    const opened = g.effectsOf({ type: 'open-replay', id: 'zte-2018' });
    expect(g.state().screen).toBe('replay');
    expect(opened[0]).toMatchObject({
      kind: 'announce',
      text: expect.stringMatching(/^Replay of .*The starting position/),
    });
    const r = currentReplay(g.state())!;
    const moved = g.effectsOf({ type: 'set-replay-position', position: 999 });
    expect(g.state().replaying!.position).toBe(r.frames.length - 1);
    expect(moved.map((e) => e.kind)).toEqual(['scroll-top', 'announce']);
    const end = g.state();
    expect(g.effectsOf({ type: 'set-replay-position', position: 1000 })).toEqual([]);
    expect(g.state()).toBe(end);
    const point = r.scenario.history!.decisionPoints[0]!;
    g.dispatch({ type: 'set-replay-position', position: point.step });
    const alternative = point.alternatives.findIndex((a) => a.move);
    g.dispatch({ type: 'take-over', position: point.step, side: 'us', alternative });
    const s = g.state();
    expect(s.screen).toBe('setup');
    expect(s.setup).toMatchObject({ side: 'us', seed: r.seed, branch: { step: point.step, alternative } });
    // The seed typed on the setup screen does not apply to a take-over: it is the replay's.
    g.dispatch({ type: 'continue-to-briefing', seed: 'typed' });
    expect(pendingSpec(g.state())!.seed).toBe(r.seed);
    g.dispatch({ type: 'start-match' });
    expect(g.state().screen).toBe('table');
    expect(g.state().match!.branch?.step).toBe(point.step);
  });

  it('open a replay at a position past its path (a branch step of another version of the file) at its last frame', () => {
    const g = game();
    g.dispatch({ type: 'started', lib: g.lib, saved: { kind: 'empty' }, storageProblem: null });
    g.dispatch({ type: 'open-replay', id: 'zte-2018', position: 999 });
    const r = currentReplay(g.state())!;
    expect(g.state().replaying!.position).toBe(r.frames.length - 1);
    g.dispatch({ type: 'open-replay', id: 'zte-2018', position: -3 });
    expect(g.state().replaying!.position).toBe(0);
  });

  it('resume the earlier autosave offered on the title, and say nothing of the unreadable one after', () => {
    const first = game();
    toTable(first);
    const match = first.state().match!;
    const g = game();
    g.dispatch({
      type: 'started',
      lib: g.lib,
      saved: {
        kind: 'set-aside',
        message: 'Your saved game could not be resumed.',
        setAsideKey: 'k',
        backup: {
          match,
          scenario: match.scenario,
          save: { format: 'bargaining-chips-save', version: 1, spec: match.spec, notes: [] },
        },
      },
      storageProblem: null,
    });
    expect(g.state()).toMatchObject({
      screen: 'title',
      titleMessage: 'Your saved game could not be resumed.',
    });
    g.dispatch({ type: 'resume-backup' });
    expect(g.state()).toMatchObject({ screen: 'table', titleMessage: null, backup: null, match });
  });
});
