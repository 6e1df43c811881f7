/** The action bar's buttons, from the command table: what each runs and why it cannot. */
import { describe, expect, it } from 'vitest';
import { COMMAND_OPS, specOf, type Command, type CommandOp } from '../../engine/commands/table';
import { Engine } from '../../engine/engine';
import { takeSnapshot, type Snapshot } from '../../engine/snapshot';
import { formatCommand } from '../../scenario/format';
import { parse } from '../../scenario/parse';
import { inputKey, prepare, showsInDeviceRow, WHY, type ActionContext } from './prepare';
import { mmapAnon } from '../../engine/testing/commands';

function snapshotAfter(commands: Command[]): Snapshot {
  const c = Engine.create({
    kernel: 'modern',
    platform: 'pcie4',
    ramPages: 16,
    devices: [
      { name: 'gpu0', type: 'private', pages: 4 },
      { name: 'pm0', type: 'pmem', pages: 4 },
    ],
    processes: ['app'],
  });
  if (!c.ok) throw new Error(c.error);
  for (const cmd of commands) c.engine.run(cmd);
  return takeSnapshot(c.engine.machine, c.engine.k.seq);
}

const MMAP: Command = mmapAnon('app', 'b', 4);
const OPEN: Command = { op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' };

function context(snap: Snapshot, over: Partial<ActionContext> = {}): ActionContext {
  return {
    snap,
    selection: { proc: 'app', buf: 'b', first: 1, count: 2 },
    busy: false,
    proc: snap.procs[0],
    value: { scale: 0, offset: 42 },
    inputs: {},
    ...over,
  };
}

/** The button's outcome for the command's first (or `n`th) action. */
function button(op: CommandOp, ctx: ActionContext, n = 0) {
  const action = specOf(op).ui.actions[n];
  if (!action) throw new Error(`${op} has no action ${n}`);
  return prepare(op, action, ctx);
}

function device(snap: Snapshot, name: string): ActionContext['device'] {
  const dev = snap.devices.find((d) => d.name === name);
  if (!dev) throw new Error(name);
  const mirror = snap.mirrors.find((m) => m.open && m.dev === dev.index);
  return { dev, mirror };
}

describe('the action bar, from the command table', () => {
  it('builds every command a button can run as a line the parser reads back', () => {
    const snap = snapshotAfter([MMAP, OPEN]);
    const header = 'kernel modern\nram 16\ndevice gpu0 private 4\ndevice pm0 pmem 4\nprocess app\n';
    let runnable = 0;
    for (const op of COMMAND_OPS) {
      const spec = specOf(op);
      if (spec.ui.form) continue;
      const ctx = context(snap, spec.ui.row === 'device' ? { device: device(snap, 'gpu0') } : {});
      for (const [i] of spec.ui.actions.entries()) {
        const p = button(op, ctx, i);
        if (!showsInDeviceRow(spec, ctx)) continue;
        expect(p.why, `${op}: ${p.why}`).toBeNull();
        if (!p.command) throw new Error(`${op} built nothing`);
        expect(p.command.op).toBe(op);
        runnable += 1;
        const text = `${header}app mmap b 4\napp open gpu0\n${formatCommand(p.command, null)}\n`;
        const r = parse(text);
        expect(r.ok, `${op}: ${JSON.stringify(r.ok ? null : r.errors)}`).toBe(true);
      }
    }
    // Every table command but mmap (its form) and open (hidden once the mirror is open).
    expect(runnable).toBeGreaterThanOrEqual(COMMAND_OPS.length - 2);
  });

  it('says why a button cannot run, in the order a user fixes things', () => {
    const fresh = snapshotAfter([MMAP]);
    const noSel = context(fresh, { selection: null });
    expect(button('cpu-read', noSel).why).toBe(WHY.select);
    expect(button('cpu-read', { ...noSel, busy: true }).why).toBe(WHY.busy);
    expect(button('cpu-write', context(fresh, { value: null })).why).toBe(WHY.value);
    const gpu = context(fresh, { device: device(fresh, 'gpu0') });
    expect(button('migrate-to-dev', gpu).why).toBe(WHY.noMirror('app', 'gpu0'));
    expect(button('open', gpu).why).toBeNull();
    const pm = context(fresh, { device: device(fresh, 'pm0') });
    expect(button('open', pm).why).toBe(WHY.pmem('pm0'));
    // unplug acts on the device itself, pmem or not.
    expect(button('unplug', pm).why).toBeNull();
    const opened = snapshotAfter([MMAP, OPEN]);
    const other = context(opened, {
      device: device(opened, 'gpu0'),
      selection: { proc: 'child1', buf: 'b', first: 0, count: 1 },
    });
    expect(button('dev-read', other).why).toBe(WHY.otherProcess('child1'));
    expect(button('dev-read', { ...other, selection: null }).why).toBe(WHY.selectShort);
    expect(
      button('reclaim', context(fresh, { inputs: { [inputKey('reclaim', 'pages')]: '0' } })).why,
    ).toBe('reclaim a positive number of pages');
    const exited = snapshotAfter([MMAP, { op: 'exit', proc: 'app' }]);
    expect(button('fork', context(exited, { selection: null })).why).toBe(WHY.exited('app'));
  });

  it('takes arguments from the boxes, the fixed ones from the button, new names made up', () => {
    const snap = snapshotAfter([MMAP, OPEN]);
    const ctx = context(snap, {
      inputs: { [inputKey('mprotect', 'prot')]: 'none', [inputKey('gup', 'pin')]: true },
    });
    expect(button('mprotect', ctx).command).toMatchObject({ prot: 'none', proc: 'app' });
    expect(button('madvise', ctx, 1).command).toMatchObject({ advice: 'hwpoison' });
    // gup starts with write ticked, as the table says; its label follows the pin box.
    const gup = button('gup', ctx);
    expect(gup.command).toMatchObject({ write: true, pin: true, longterm: false });
    expect(gup.label).toBe('pin_user_pages');
    expect(button('gup', context(snap)).label).toBe('get_user_pages');
    expect(button('fork', ctx).command).toMatchObject({ child: 'child1' });
    expect(button('hotplug', ctx).command).toMatchObject({
      device: 'dev1',
      type: 'private',
      pages: 8,
    });
    const gpu = { ...ctx, device: device(snap, 'gpu0') };
    const migrate = button('migrate-to-dev', gpu);
    expect(migrate).toMatchObject({ testId: 'gpu0-migrate', label: 'migrate → gpu0' });
    expect(migrate.command).toEqual({
      op: 'migrate-to-dev',
      mirror: 'app/gpu0',
      range: { kind: 'buf', buf: 'b', first: 1, count: 2 },
    });
    expect(button('dev-touch', gpu).command).toMatchObject({ write: true });
    expect(button('cpu-read', ctx).tooltip).toBe(specOf('cpu-read').summary);
  });
});
