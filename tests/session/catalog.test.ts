import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import { defaultSettings, loadSettings, parseSettings, storeSettings } from '../../src/session/settings';
import { MemoryStorage } from '../../src/session/storage';
import { busanFile, miniFile } from './helpers';

describe('ScenarioCatalog', () => {
  it('loads the good files and lists every problem of a bad one with its file and line', () => {
    const bad = { file: 'broken.yaml', text: 'id: broken\nversion: one\n' };
    const catalog = new ScenarioCatalog([miniFile(), bad, busanFile()], loadScenario);
    expect(catalog.scenarios.map((s) => s.id)).toEqual(['mini', 'busan-2025']);
    expect(catalog.failures).toHaveLength(1);
    expect(catalog.failures[0]!.file).toBe('broken.yaml');
    const versionProblem = catalog.failures[0]!.problems.find((p) => p.path === 'version');
    expect(versionProblem?.line).toBe(2);
  });

  it('refuses a second file with a shipped id, and an opened file with a shipped id', () => {
    const catalog = new ScenarioCatalog([miniFile(), { file: 'copy.yaml', text: miniFile().text }], loadScenario);
    expect(catalog.failures[0]!.problems[0]!.message).toMatch(/already used by mini.yaml/);
    const opened = catalog.open({ file: 'mine.yaml', text: miniFile().text });
    expect(opened.ok).toBe(false);
    expect(catalog.failures.map((f) => f.file)).toEqual(['copy.yaml', 'mine.yaml']);
  });

  it('adds an opened file, and replaces an earlier opened file of the same id', () => {
    const catalog = new ScenarioCatalog([], loadScenario);
    const text = miniFile().text;
    expect(catalog.open({ file: 'a.yaml', text }).ok).toBe(true);
    expect(catalog.open({ file: 'b.yaml', text: text.replace('title: Mini', 'title: Mini two') }).ok).toBe(true);
    expect(catalog.entries.map((e) => [e.source.file, e.scenario.title, e.origin])).toEqual([['b.yaml', 'Mini two', 'opened']]);
  });
});

describe('settings', () => {
  it('keeps defaults for anything missing or malformed', () => {
    const d = defaultSettings(true);
    expect(parseSettings(null, d)).toEqual(d);
    expect(parseSettings('nonsense', d)).toEqual(d);
    expect(parseSettings('{"sound":true,"textSize":"huge","highContrast":1}', d)).toEqual({ ...d, sound: true });
  });

  it('stores and reads back, and reports a storage that refuses', () => {
    const storage = new MemoryStorage();
    const s = { ...defaultSettings(), textSize: 'larger' as const, highContrast: true };
    expect(storeSettings(storage, s)).toBeNull();
    expect(loadSettings(storage, defaultSettings())).toEqual(s);
    storage.failWrites.add('*');
    expect(storeSettings(storage, s)).toMatch(/could not be saved/);
  });
});
