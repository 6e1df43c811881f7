/** The invariant checker catches each kind of corruption and names the rule and the page. */
import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { checkInvariants } from './invariants';
import { PTE } from './mm/pte';
import { MTAG } from './state';

const whole = { kind: 'buf' as const, buf: 'b', first: 0, count: null };

function machine() {
  const c = Engine.create({
    kernel: 'modern',
    platform: 'pcie4',
    ramPages: 16,
    devices: [{ name: 'gpu0', type: 'private', pages: 4 }],
    processes: ['p'],
  });
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  e.run({
    op: 'mmap',
    proc: 'p',
    buf: 'b',
    pages: 2,
    backing: 'anon',
    file: null,
    shared: false,
    prot: 'rw',
  });
  e.run({ op: 'cpu-write', proc: 'p', range: whole, value: { scale: 1, offset: 0 } });
  e.run({ op: 'open', proc: 'p', device: 'gpu0', mirror: 'm' });
  e.run({ op: 'dev-read', mirror: 'm', range: whole });
  const m = e.machine;
  const p = m.procByName('p')!;
  const vpn = p.buffers.get('b')!.start;
  return { e, m, p, vpn, pfn: p.pt.pfn(vpn) };
}

const rules = (m: ReturnType<typeof machine>['m'], quiescent = true) =>
  checkInvariants(m, quiescent).map((v) => v.rule);

describe('the invariant checker', () => {
  it('finds nothing wrong with a healthy machine', () => {
    expect(checkInvariants(machine().m, true)).toEqual([]);
  });

  it('catches a leaked reference', () => {
    const { m, pfn } = machine();
    m.frames.ref[pfn]! += 1;
    expect(rules(m)).toContain('refcount');
    expect(checkInvariants(m, true)[0]?.detail).toMatch(`pfn ${pfn}`);
  });

  it('catches a mapcount that does not match the page tables', () => {
    const { m, pfn } = machine();
    m.frames.map[pfn]! += 1;
    expect(rules(m, false)).toContain('mapcount');
  });

  it('catches a freed page that is still mapped', () => {
    const { m, pfn } = machine();
    m.frames.ref[pfn] = 0;
    m.frames.flags[pfn] = 1 << 6;
    expect(rules(m, false)).toContain('free-state');
  });

  it('catches a bitmap bit set for a free device page', () => {
    const { m } = machine();
    m.devices[0]!.bitmap.set(2);
    expect(rules(m, false)).toContain('free-state');
  });

  it('catches a stale mirror entry', () => {
    const { m, p, vpn } = machine();
    p.pt.set(vpn, PTE.none, 0, 0);
    expect(rules(m)).toContain('mirror-coherent');
    const mi = m.mirrorByName('m')!;
    mi.pt.set(vpn + 1, MTAG.read, 3, 0);
    expect(rules(m, false)).toContain('mirror-freed');
  });

  it('catches RSS counters that drifted', () => {
    const { m, p } = machine();
    p.rss.anon += 1;
    expect(rules(m, false)).toContain('rss');
  });

  it('catches a page left locked after a command', () => {
    const { m, pfn } = machine();
    m.frames.flags[pfn]! |= 1;
    expect(rules(m, true)).toContain('locked');
    expect(rules(m, false)).not.toContain('locked');
  });
});
