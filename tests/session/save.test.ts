import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import { Match } from '../../src/session/match';
import { AutoSave, BACKUP_KEY, SAVE_KEY, SET_ASIDE_PREFIX } from '../../src/session/save';
import { MemoryStorage } from '../../src/session/storage';
import { miniFile, scriptedAi } from './helpers';

const ai = scriptedAi();
const setup = () => {
  const catalog = new ScenarioCatalog([miniFile()], loadScenario);
  const storage = new MemoryStorage();
  const scenario = catalog.find('mini')!;
  const match = Match.start(scenario, 's', defaultOptions(scenario, { humans: ['us'] }), ai.decide);
  return { catalog, storage, scenario, match, autosave: new AutoSave(storage, catalog, ai.decide) };
};

describe('AutoSave', () => {
  it('is empty before anything is saved', () => {
    const { autosave } = setup();
    expect(autosave.load()).toEqual({ kind: 'empty' });
  });

  it('resumes a saved game at the same move with the AI notes', () => {
    const { autosave, storage, catalog, match } = setup();
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    expect(autosave.write(match)).toBeNull();
    const loaded = new AutoSave(storage, catalog, ai.decide).load();
    expect(loaded.kind).toBe('ok');
    if (loaded.kind !== 'ok') return;
    expect(loaded.match.spec).toEqual(match.spec);
    expect(loaded.match.state).toEqual(match.state);
    expect(loaded.match.aiNotes).toEqual(match.aiNotes);
  });

  it('reads the notes of a save made before the AI had a voice: its reason is what it said and the analysis', () => {
    const { autosave, storage, catalog, match } = setup();
    match.play({ type: 'propose', side: 'us', package: { beans: 'some' } });
    autosave.write(match);
    const saved = JSON.parse(storage.getItem(SAVE_KEY)!);
    saved.notes = saved.notes.map((n: { move: number; posture: string }) => ({
      move: n.move,
      reason: 'an older reason',
      posture: n.posture,
    }));
    storage.setItem(SAVE_KEY, JSON.stringify(saved));
    const loaded = new AutoSave(storage, catalog, ai.decide).load();
    expect(loaded.kind).toBe('ok');
    if (loaded.kind !== 'ok') return;
    expect(loaded.match.aiNotes).toEqual(
      match.aiNotes.map((n) => ({ ...n, say: 'an older reason', analysis: 'an older reason' })),
    );
  });


  it('keeps the previous good save as a backup on every write', () => {
    const { autosave, storage, match } = setup();
    autosave.write(match);
    const first = storage.getItem(SAVE_KEY);
    match.play({ type: 'hold', side: 'us' });
    autosave.write(match);
    expect(storage.getItem(BACKUP_KEY)).toBe(first);
    expect(JSON.parse(storage.getItem(SAVE_KEY)!).spec.moves).toHaveLength(2);
  });

  it.each([
    ['not JSON at all {', /not valid JSON/],
    ['{"format":"something-else"}', /not a Bargaining Chips save/],
    ['{"format":"bargaining-chips-save","version":99}', /format version 99 is unknown/],
    ['{"format":"bargaining-chips-save","version":1,"spec":{}}', /game record is incomplete/],
  ])('sets aside an unreadable save %#, says why, and keeps it', (text, why) => {
    const { autosave, storage } = setup();
    storage.setItem(SAVE_KEY, text);
    const loaded = autosave.load();
    expect(loaded.kind).toBe('set-aside');
    if (loaded.kind !== 'set-aside') return;
    expect(loaded.message).toMatch(why);
    expect(loaded.message).toMatch(/set aside/);
    expect(loaded.setAsideKey).toBe(`${SET_ASIDE_PREFIX}1`);
    expect(storage.getItem(`${SET_ASIDE_PREFIX}1`)).toBe(text);
    expect(storage.getItem(SAVE_KEY)).toBeNull();
  });

  it('sets aside a save whose moves do not replay or whose scenario is unknown', () => {
    const { autosave, storage, match } = setup();
    autosave.write(match);
    const good = JSON.parse(storage.getItem(SAVE_KEY)!);
    storage.setItem(SAVE_KEY, JSON.stringify({ ...good, spec: { ...good.spec, moves: [{ type: 'accept', side: 'us' }] } }));
    const illegal = new AutoSave(storage, new ScenarioCatalog([miniFile()], loadScenario), ai.decide).load();
    expect(illegal.kind === 'set-aside' && illegal.message).toMatch(/moves do not replay \(illegal move: there is no offer from China to accept\)/);
    storage.setItem(SAVE_KEY, JSON.stringify({ ...good, spec: { ...good.spec, scenario: { id: 'gone', version: 1 } } }));
    const unknown = new AutoSave(storage, new ScenarioCatalog([miniFile()], loadScenario), ai.decide).load();
    expect(unknown.kind === 'set-aside' && unknown.message).toMatch(/scenario "gone", which this game does not have/);
    // Each unreadable save has its own key: the second did not overwrite the first.
    expect(storage.getItem(`${SET_ASIDE_PREFIX}1`)).toContain('"accept"');
    expect(storage.getItem(`${SET_ASIDE_PREFIX}2`)).toContain('"gone"');
  });

  it('offers the previous good save when the current one is corrupt', () => {
    const { autosave, storage, match, catalog } = setup();
    autosave.write(match);
    match.play({ type: 'hold', side: 'us' });
    autosave.write(match);
    storage.setItem(SAVE_KEY, '{"truncated":');
    const loaded = new AutoSave(storage, catalog, ai.decide).load();
    expect(loaded.kind).toBe('set-aside');
    if (loaded.kind !== 'set-aside') return;
    expect(loaded.backup?.match.moves).toEqual([]);
  });

  it('never writes over an unreadable save without setting it aside first', () => {
    const { autosave, storage, match } = setup();
    storage.setItem(SAVE_KEY, 'garbage');
    expect(autosave.write(match)).toBeNull();
    expect(storage.getItem(`${SET_ASIDE_PREFIX}1`)).toBe('garbage');
    expect(storage.getItem(BACKUP_KEY)).toBeNull();
    storage.setItem(SAVE_KEY, 'garbage 2');
    storage.failWrites.add(`${SET_ASIDE_PREFIX}2`);
    match.play({ type: 'hold', side: 'us' });
    expect(autosave.write(match)).toMatch(/could not be set aside/);
    expect(storage.getItem(SAVE_KEY)).toBe('garbage 2');
  });

  it('reports a full or unreadable storage instead of crashing, and keeps the last good save', () => {
    const { autosave, storage, match, catalog } = setup();
    autosave.write(match);
    const good = storage.getItem(SAVE_KEY);
    storage.failWrites.add(SAVE_KEY);
    match.play({ type: 'hold', side: 'us' });
    expect(autosave.write(match)).toMatch(/could not be saved in this browser \(storage is full\)/);
    expect(storage.getItem(SAVE_KEY)).toBe(good);
    storage.failReads = true;
    const loaded = new AutoSave(storage, catalog, ai.decide).load();
    expect(loaded.kind === 'set-aside' && loaded.message).toMatch(/refused access to its storage/);
  });

  it('carries a scenario the player opened from a file, so the game resumes without it being opened again', () => {
    const file = { file: 'my-class.yaml', text: miniFile().text.replace('id: mini', 'id: my-class') };
    const catalog = new ScenarioCatalog([], loadScenario);
    const opened = catalog.open(file);
    expect(opened.ok).toBe(true);
    const scenario = catalog.find('my-class')!;
    const storage = new MemoryStorage();
    const match = Match.start(scenario, 's', defaultOptions(scenario, { humans: ['us'] }), ai.decide);
    expect(new AutoSave(storage, catalog, ai.decide).write(match, file)).toBeNull();
    const fresh = new AutoSave(storage, new ScenarioCatalog([], loadScenario), ai.decide).load();
    expect(fresh.kind).toBe('ok');
    if (fresh.kind === 'ok') expect(fresh.scenario.id).toBe('my-class');
  });
});
