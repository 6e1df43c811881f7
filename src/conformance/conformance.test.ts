/**
 * Every conformance case (the kernel selftests and seed mechanisms listed in README.md here) as a scenario file, run in the
 * kernel model and device type its name says, with every invariant checked after every
 * micro-step, and the trace hash checked for determinism.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../scenario/parse';
import { runChecked } from '../scenario/checked';
import { runScenario } from '../scenario/run';

const DIR = import.meta.dirname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.hmm'))
  .sort();

/** The cases README.md lists: the kernel's cases in both device types, the seeds' cases in both kernel models. */
const REQUIRED = [
  ...[
    'anon_read',
    'anon_read_prot',
    'anon_write',
    'anon_write_prot',
    'anon_write_child',
    'migrate',
    'migrate_fault',
    'migrate_shared',
    'snapshot',
    'exclusive',
    'hmm_gup_test',
    'hmm_cow_in_device',
  ].flatMap((c) => [`${c}.private.hmm`, `${c}.coherent.hmm`]),
  ...[
    'free_on_2_to_1',
    'device_public_fork',
    'fake_device_memory_exhausted',
    'pinned_page',
  ].flatMap((c) => [`${c}.seeds.hmm`, `${c}.modern.hmm`]),
];

function load(file: string) {
  const parsed = parse(readFileSync(join(DIR, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.scenario;
}

describe('conformance', () => {
  it('has a scenario for every case of README.md in every variant it names', () => {
    expect(REQUIRED.filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(files)('%s runs in the model and device type its name says', (file) => {
    const s = load(file);
    const variant = file.split('.')[1];
    if (variant === 'seeds' || variant === 'modern') expect(s.machine.kernel).toBe(variant);
    else {
      expect(s.machine.kernel).toBe('modern');
      for (const d of s.machine.devices) expect(d.type).toBe(variant);
    }
  });

  it.each(files)('%s passes, every invariant holding after every micro-step', (file) => {
    const s = load(file);
    const out = runChecked(s);
    if (!out.ok) throw new Error(out.error);
    const { run, broken } = out.value;
    expect(run.problems).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(broken).toEqual([]);
    const again = runScenario(s);
    if (!again.ok) throw new Error(again.error);
    expect(again.run.engine.traceHash()).toBe(run.engine.traceHash());
  });
});
