import { describe, expect, it } from 'vitest';
import { LIMITS } from '../engine/limits';
import { STORYBOARD } from './examples';
import { parse } from './parse';
import { stripLines } from './format';
import { fileName, openScenarioFile, scenarioJson } from './files';

describe('scenario files', () => {
  it('opens text as it is, and JSON converted to the same scenario', () => {
    expect(openScenarioFile('a.hmm', STORYBOARD)).toEqual({
      ok: true,
      text: STORYBOARD,
      converted: false,
    });
    const json = scenarioJson(STORYBOARD);
    if (!json.ok) throw new Error(json.message);
    const opened = openScenarioFile('a.json', json.json);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.converted).toBe(true);
    const a = parse(STORYBOARD);
    const b = parse(opened.text);
    if (!a.ok || !b.ok) throw new Error('parse');
    expect(stripLines(b.scenario)).toEqual(stripLines(a.scenario));
  });

  it('refuses broken JSON and huge files with a message naming the file', () => {
    const bad = openScenarioFile(
      'x.json',
      '{"format": "hmm-lab/scenario", "version": 1, "scenario": {',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^x\.json is not a scenario in JSON/);
    const huge = openScenarioFile('big.hmm', 'x'.repeat(LIMITS.textLength + 1));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.message).toMatch(/textLength/);
  });

  it('JSON needs a text that parses', () => {
    const r = scenarioJson('kernel nonsense\n');
    expect(r.ok).toBe(false);
  });

  it('names files after the title', () => {
    expect(fileName('One page to the GPU & back!', 'hmm')).toBe('one-page-to-the-gpu-back.hmm');
    expect(fileName(null, 'json')).toBe('scenario.json');
    expect(fileName('???', 'json')).toBe('scenario.json');
  });
});
