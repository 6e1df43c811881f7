import { describe, expect, it } from 'vitest';
import { LabHost } from '../worker/host';
import { fixture, storyboard } from '../worker/testFixtures';
import { STORYBOARD } from '../scenario/examples';
import { commandTexts, markNames, narratedText, traceJson, traceJsonText } from './trace';
import type { TraceSource } from './trace';

/** What the store holds after running a fixture (title, spec, ops), from a real host. */
function ran(f = storyboard(), title: string | null = 'One page to the GPU and back'): TraceSource {
  const reply = new LabHost().init(f.spec, f.steps, null, null);
  return { title, spec: f.spec, ops: reply.ops, steps: f.steps };
}

describe('trace JSON', () => {
  it('lists every operation of the storyboard with its command text, result and steps', () => {
    const src = ran();
    const t = traceJson(src);
    expect(t.format).toBe('hmm-lab/trace');
    expect(t.version).toBe(1);
    expect(t.title).toBe('One page to the GPU and back');
    expect(t.machine).toEqual(src.spec);
    expect(t.operations.map((o) => o.command)).toEqual([
      'app mmap buf 1',
      'app write buf 42',
      'app open gpu0',
      'gpu0 read buf',
      'gpu0 migrate buf',
      'app read buf',
      'app munmap buf',
    ]);
    expect(t.operations.map((o) => o.op)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.operations.map((o) => o.line)).toEqual([8, 9, 13, 14, 18, 24, 29]);
    expect(t.operations.every((o) => o.ret === '0' && o.failures.length === 0)).toBe(true);
    const read = t.operations[3]!;
    expect(read).toMatchObject({ cpages: 1, faults: 1, problem: null });
    expect(read.commandData).toEqual(src.ops[3]!.command);

    // Every micro-step, with names for its marks, and the totals add up.
    const write = t.operations[1]!;
    expect(write.steps[0]).toMatchObject({
      fn: 'handle_mm_fault -> do_anonymous_page',
      phase: 'fault',
      marks: ['fault'],
    });
    expect(write.steps[0]!.text).toMatch(/write fault/);
    const migrate = t.operations[4]!;
    expect(migrate.steps.map((s) => s.fn)).toEqual(
      expect.arrayContaining([
        'migrate_vma_collect_pmd',
        'migrate_vma_pages',
        'migrate_vma_finalize',
      ]),
    );
    expect(migrate.steps.some((s) => s.marks.includes('migrate'))).toBe(true);
    expect(migrate.steps.some((s) => s.source.length > 0)).toBe(true);
    const steps = src.ops.reduce((n, o) => n + o.steps.length, 0);
    expect(t.summary).toEqual({
      operations: 7,
      steps,
      costNs: src.ops.reduce((n, o) => n + o.cost, 0),
      failures: 0,
    });
    expect(t.operations.flatMap((o) => o.steps.map((s) => s.seq))).toEqual(
      Array.from({ length: steps }, (_, i) => i),
    );
    expect(migrate.costNs).toBe(migrate.steps.reduce((n, s) => n + s.costNs, 0));
  });

  it('is deterministic and round-trips through JSON.parse', () => {
    const a = traceJsonText(ran());
    const b = traceJsonText(ran());
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
    expect(JSON.parse(a)).toEqual(traceJson(ran()));
  });

  it('names errors, problems and failed expectations', () => {
    const f = fixture(
      STORYBOARD.replace(
        '  expect value app buf 42\napp open',
        '  expect value app buf 43\napp open',
      ),
    );
    const t = traceJson(ran(f));
    expect(t.operations[1]!.failures).toEqual([
      { line: 12, message: expect.stringMatching(/43/) as string },
    ]);
    expect(t.summary.failures).toBe(1);
    // Errors by name; a command with a wrong name did not run.
    const bad = fixture(
      'kernel modern\nplatform pcie4\nram 16\ndevice gpu0 private 1\nprocess app\n\n' +
        'app mmap buf 2\napp write buf 1\napp open gpu0\ngpu0 migrate buf\napp munmap nope\n' +
        'app mmap ro 1 r\napp write ro 3\n',
    );
    const u = traceJson(ran(bad, null));
    expect(u.title).toBeNull();
    expect(u.operations.map((o) => [o.command, o.ret])).toEqual([
      ['app mmap buf 2', '0'],
      ['app write buf 1', '0'],
      ['app open gpu0', '0'],
      ['gpu0 migrate buf', '-ENOENT'],
      ['app munmap nope', '-EINVAL'],
      ['app mmap ro 1 r', '0'],
      ['app write ro 3', '-EFAULT'],
    ]);
    expect(u.operations[4]!.problem).toMatch(/no buffer named "nope"/);
    const text = narratedText(ran(bad, null));
    expect(text).toContain('\nop 4  gpu0 migrate buf  -> -ENOENT, cpages 0, faults 0 (');
    expect(text).toContain('\nop 5  app munmap nope  -> not run: process app has no buffer named');
    expect(text).toContain('\nop 7  app write ro 3  -> -EFAULT (0 ns)\n');
    expect(text).toContain('· RAM 16 pages · gpu0 private 1 page · process app\n');
  });

  it('names marks', () => {
    expect(markNames(0)).toEqual([]);
    expect(markNames(1 | 4 | 16)).toEqual(['fault', 'free', 'error']);
  });

  it('writes a mirror by its device while it is the only one, by its name otherwise', () => {
    const f = fixture(
      'kernel modern\nplatform pcie4\nram 16\ndevice gpu0 private 4\nprocess app\n\n' +
        'app mmap buf 1\napp open gpu0\ngpu0 read buf\napp open gpu0 as m2\napp/gpu0 read buf\nm2 read buf\n',
    );
    const src = ran(f);
    expect(commandTexts(src.spec, src.ops)).toEqual([
      'app mmap buf 1',
      'app open gpu0',
      'gpu0 read buf',
      'app open gpu0 as m2',
      'app/gpu0 read buf',
      'm2 read buf',
    ]);
  });
});

describe('narrated text', () => {
  it('has one block per operation, its micro-steps numbered under it', () => {
    const src = ran();
    const text = narratedText(src);
    const lines = text.split('\n');
    expect(lines[0]).toBe('# One page to the GPU and back');
    expect(lines[1]).toBe(
      'modern kernel (v6.x) · PCIe 4.0 · RAM 64 pages · gpu0 private 8 pages · process app',
    );
    expect(lines[2]).toMatch(/^7 operations, \d+ micro-steps, simulated time [\d.]+ (µs|ms)$/);
    expect(text).toContain('\nop 2  app write buf 42  -> 0 (1.0 µs)\n');
    expect(text).toContain('\n  1. handle_mm_fault -> do_anonymous_page: app: CPU write: ');
    expect(text).toMatch(/\nop 4 {2}gpu0 read buf {2}-> 0, cpages 1, faults 1 \(35\.2 µs\)\n/);
    // Every operation's command, and every step's function, in order.
    const t = traceJson(src);
    let at = 0;
    for (const op of t.operations) {
      at = text.indexOf(`\nop ${op.op}  ${op.command}  -> `, at);
      expect(at).toBeGreaterThan(0);
      op.steps.forEach((s, i) => {
        const next = text.indexOf(`\n  ${i + 1}. ${s.fn}: ${s.text}  [${s.phase}, `, at);
        expect(next).toBeGreaterThan(at);
        at = next;
      });
    }
    expect(text.endsWith('\n')).toBe(true);
    expect(narratedText(ran())).toBe(text);
  });

  it('shows failed expectations and commands that did not run', () => {
    const f = fixture(
      STORYBOARD.replace(
        '  expect value app buf 42\napp open',
        '  expect value app buf 43\napp open',
      ),
    );
    const text = narratedText(ran(f, null));
    expect(text.startsWith('# Untitled scenario\n')).toBe(true);
    expect(text).toMatch(/\n {2}! expectation \(line 12\) failed: .*43/);
    expect(text).toMatch(/, 1 failed expectation\n/);
  });
});

describe("the lecturer's notes", () => {
  /** The storyboard with two notes at the migration and one, hostile, at the CPU read. */
  const noted = () =>
    fixture(
      STORYBOARD.replace(
        '  expect cpages 1\n  expect pte app buf device-private',
        '  note "The PTE becomes a device-private entry."\n  note "Refcount 1: mapped once."\n' +
          '  expect cpages 1\n  expect pte app buf device-private',
      ).replace(
        '# CPU fault on a device-private entry: migrate back\n',
        '\n  note "<b>markup</b> \\"stays\\" text"\n',
      ),
    );

  it('go with their operation in the JSON trace, and nowhere else', () => {
    const t = traceJson(ran(noted()));
    expect(t.operations.map((o) => o.notes)).toEqual([
      [],
      [],
      [],
      [],
      ['The PTE becomes a device-private entry.', 'Refcount 1: mapped once.'],
      ['<b>markup</b> "stays" text'],
      [],
    ]);
    expect(traceJson(ran()).operations.every((o) => o.notes.length === 0)).toBe(true);
  });

  it('are written under their operation in the narrated text, before its micro-steps', () => {
    const text = narratedText(ran(noted()));
    expect(text).toMatch(
      /\nop 5 {2}gpu0 migrate buf {2}-> [^\n]*\n {2}note: The PTE becomes a device-private entry\.\n {2}note: Refcount 1: mapped once\.\n {2}1\. /,
    );
    expect(text).toContain('\n  note: <b>markup</b> "stays" text\n');
    expect(narratedText(ran())).not.toContain('note:');
  });
});
