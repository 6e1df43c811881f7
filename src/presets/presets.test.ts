/**
 * Every preset (the lecture flows and the conformance cases) parses, runs with every
 * expectation holding and every invariant checked after every micro-step (as
 * src/conformance/conformance.test.ts does), and fits in a link.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/ast';
import { parse } from '../scenario/parse';
import { runChecked } from '../scenario/checked';
import { runScenario } from '../scenario/run';
import { focusPages } from '../scenario/focus';
import { decodeLink, encodeLink } from '../share/link';
import { pageFrame } from '../timeline/selection';
import { Engine } from '../engine/engine';
import { takeSnapshot } from '../engine/snapshot';
import type { Position } from '../timeline/position';
import { conformanceDescription, LINE_WIDTH, leadingComments, titleOf, wrap } from './describe';
import { FLOW_ORDER, PRESETS, presetById } from './index';

/** The longest link a preset may have (characters of the fragment). */
const MAX_PRESET_LINK = 2000;

/** The flows the gallery must cover (the classic flows and the storyboard's variations). */
const REQUIRED_FLOWS = [
  'storyboard', //           malloc -> CPU write -> migrate -> CPU fault back
  'first-touch', //          GPU first touch allocates device memory directly
  'pinned-page', //          a pinned page refuses to migrate
  'fork-private', //         fork with device-private pages
  'fork-coherent', //        fork with device-coherent pages
  'munmap-free-seeds', //    the refcount hook, 2 -> 1
  'munmap-free-modern', //   1 -> 0
  'exhausted-seeds', //      -ENOMEM, every bit released
  'exhausted-modern', //     pages stay in RAM, -ENOENT
  'private-vs-coherent', //  the same flow, the CPU access differs
  'snapshot', //             mirror snapshot encoding
  'exclusive', //            exclusive access, revoked by a CPU touch
  'two-devices', //          mirrors invalidating each other
  'gup-device', //           GUP pulling device pages back
  'hotplug-seeds', //        hotplug, and the seed's unplug errors
  'migrate-to-sys', //       MIGRATE_TO_SYS
];

const flows = PRESETS.filter((p) => p.group === 'flows');
const conformance = PRESETS.filter((p) => p.group === 'conformance');

function load(text: string): Scenario {
  const parsed = parse(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.scenario;
}

/** Runs `s`, checking every invariant after every micro-step; returns the end position. */
function runPreset(s: Scenario): { end: Position; traceHash: string } {
  const out = runChecked(s);
  if (!out.ok) throw new Error(out.error);
  const { run, broken } = out.value;
  expect(run.problems).toEqual([]);
  expect(run.failures).toEqual([]);
  expect(broken).toEqual([]);
  const records = run.records;
  const last = records[records.length - 1];
  const end = last ? { op: records.length - 1, step: last.steps.length - 1 } : { op: -1, step: -1 };
  return { end, traceHash: run.engine.traceHash() };
}

function endLink(text: string): string {
  const { end } = runPreset(load(text));
  return encodeLink({ text, at: end, selection: null, watched: null });
}

describe('the preset gallery', () => {
  it('has at least 16 flows, every required one, and every conformance case', () => {
    expect(flows.length).toBeGreaterThanOrEqual(16);
    expect(
      REQUIRED_FLOWS.filter((id) => !presetById(id) || presetById(id)?.group !== 'flows'),
    ).toEqual([]);
    expect(conformance.length).toBeGreaterThanOrEqual(32);
    expect(conformance.map((p) => p.id)).toContain('anon_read.private');
    expect(conformance.map((p) => p.id)).toContain('free_on_2_to_1.seeds');
  });

  it('has unique ids', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every flow file in the gallery order, flows first', () => {
    expect([...FLOW_ORDER].sort()).toEqual(flows.map((p) => p.id).sort());
    expect(flows.map((p) => p.id)).toEqual(FLOW_ORDER);
    expect(PRESETS.slice(0, flows.length)).toEqual(flows);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s has a title and two description lines',
    (_id, p) => {
      expect(p.title).toBe(titleOf(p.text));
      expect(p.title.length).toBeGreaterThan(0);
      expect(p.description).toHaveLength(2);
      for (const line of p.description) {
        expect(line.trim()).not.toBe('');
        expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
      }
    },
  );

  it.each(flows.map((p) => [p.id, p] as const))(
    '%s: its leading comments are exactly its two description lines, and it teaches with expectations',
    (_id, p) => {
      expect(leadingComments(p.text)).toEqual(p.description);
      const s = load(p.text);
      expect(s.title).toBe(p.title);
      expect(s.steps.reduce((n, st) => n + st.expects.length, 0)).toBeGreaterThanOrEqual(4);
      // A lecture machine: it fits the lab's screen.
      expect(s.machine.ramPages).toBeLessThanOrEqual(64);
      for (const d of s.machine.devices) expect(d.pages).toBeLessThanOrEqual(16);
    },
  );

  it('runs the seeds flows in the seeds kernel and the others in the modern one', () => {
    for (const p of flows) {
      const kernel = load(p.text).machine.kernel;
      expect([p.id, kernel]).toEqual([p.id, p.id.endsWith('-seeds') ? 'seeds' : 'modern']);
    }
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s passes, every invariant holding after every micro-step, deterministically',
    (_id, p) => {
      const s = load(p.text);
      const first = runPreset(s);
      const again = runScenario(s);
      if (!again.ok) throw new Error(again.error);
      expect(again.run.engine.traceHash()).toBe(first.traceHash);
    },
  );
});

describe('what each preset is about', () => {
  /**
   * After each command: whether the focus buffer is mapped with the focus's pages (the page
   * tables show them), and whether one of them maps a frame (struct page shows one).
   */
  function focusOverTime(s: Scenario): { mapped: boolean; framed: boolean }[] {
    const f = focusPages(s);
    if (!f) throw new Error('no focus');
    const c = Engine.create(s.machine);
    if (!c.ok) throw new Error(c.error);
    return s.steps.map((st) => {
      c.engine.run(st.command);
      const snap = takeSnapshot(c.engine.machine, c.engine.k.seq);
      const buf = snap.procs.find((p) => p.name === f.proc)?.buffers.find((b) => b.name === f.buf);
      return {
        mapped: buf !== undefined && f.first + f.count <= buf.pages,
        framed: Array.from({ length: Math.min(f.count, 64) }, (_, i) => f.first + i).some(
          (index) => pageFrame(snap, { proc: f.proc, buf: f.buf, index }) !== null,
        ),
      };
    });
  }

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s declares its focus, which the page tables show once it is mapped',
    (_id, p) => {
      const s = load(p.text);
      expect(s.focus).not.toBeNull();
      const over = focusOverTime(s);
      expect(over.some((o) => o.mapped)).toBe(true);
      // A lecture flow is about pages that live somewhere: struct page shows a frame of them.
      // (Some selftests are about memory nothing ever touches: migrate_shared.)
      if (p.group === 'flows') expect(over.some((o) => o.framed)).toBe(true);
    },
  );

  it('the storyboards carry a note at each key step: the migration entry, the refcounts, the fault back', () => {
    for (const id of ['storyboard', 'storyboard-seeds']) {
      const s = load(presetById(id)!.text);
      const notes = (op: string) =>
        s.steps
          .filter((st) => st.command.op === op)
          .flatMap((st) => st.notes.map((n) => n.text))
          .join(' ');
      expect(notes('cpu-write')).toMatch(/do_anonymous_page/);
      expect(notes('migrate-to-dev')).toMatch(/migration entry/);
      expect(notes('migrate-to-dev')).toMatch(/refcount/);
      expect(notes('cpu-read')).toMatch(/migrates? back/);
      expect(notes('cpu-read')).toMatch(id === 'storyboard' ? /idles at 0/ : /idle at 1/);
    }
  });
});

describe('preset links', () => {
  it(`fit in ${MAX_PRESET_LINK} characters, at the end of the scenario`, () => {
    const sizes = PRESETS.map((p) => ({ id: p.id, length: endLink(p.text).length }));
    const largest = sizes.reduce((a, b) => (b.length > a.length ? b : a));
    console.info(`largest preset link: ${largest.id}, ${largest.length} characters`);
    expect(sizes.filter((s) => s.length > MAX_PRESET_LINK)).toEqual([]);
  });

  it('open again as the same preset at the same position', () => {
    for (const p of PRESETS) {
      const link = endLink(p.text);
      const r = decodeLink(link);
      expect(r.ok && r.state.text === p.text).toBe(true);
    }
  });
});

describe('conformance descriptions', () => {
  it('are what the case does, then where it comes from', () => {
    expect(
      conformanceDescription([
        'Conformance case anon_read (private): read private anonymous memory through the mirror',
        "From the kernel's HMM selftests: tools/testing/selftests/mm/hmm-tests.c, TEST_F(hmm, anon_read),",
        'variant hmm_device_private, driving lib/test_hmm.c (dmirror). See src/conformance/README.md.',
      ]),
    ).toEqual([
      'read private anonymous memory through the mirror.',
      "From the kernel's selftests: hmm-tests.c TEST_F(hmm, anon_read), variant hmm_device_private.",
    ]);
  });

  it('let a long summary run on and end with an ellipsis', () => {
    const d = conformanceDescription([
      'Conformance case S3 (seeds): a dummy device with 8 pages of device memory (bitmap, first',
      'fit). Migrating 6 pages succeeds (bits 0-5); migrating 4 more fails with -ENOMEM, every bit',
      'taken for that request is cleared again, and the 4 pages stay in system memory untouched.',
      'Seed: hmm-dummy-fake-device-memory (dummy_lmem_to_rmem).',
    ]);
    expect(d[0]).toMatch(/^a dummy device with 8 pages/);
    expect(d[1]).toMatch(/…$/);
    for (const line of d) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
  });

  it('wrap text at word boundaries', () => {
    expect(wrap('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrap('', 5)).toEqual([]);
  });
});
