/**
 * A new machine: kernel model, platform, system RAM, devices (type and memory size) and the
 * first process. Starting one replaces the scenario text (undo in the editor brings it back).
 */
import { useState } from 'react';
import type {
  DeviceSpec,
  KernelModel,
  MachineSpec,
  MemType,
  PlatformId,
} from '../../engine/commands/terms';
import { checkSpec } from '../../engine/engine';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

export function MachineDialog({
  spec,
  onStart,
  onCancel,
}: {
  spec: MachineSpec;
  onStart: (s: MachineSpec) => void;
  onCancel: () => void;
}) {
  const [kernel, setKernel] = useState<KernelModel>(spec.kernel);
  const [platform, setPlatform] = useState<PlatformId>(spec.platform);
  const [ram, setRam] = useState(String(spec.ramPages));
  const [devices, setDevices] = useState<{ name: string; type: MemType; pages: string }[]>(
    spec.devices.map((d) => ({ ...d, pages: String(d.pages) })),
  );
  const [procs, setProcs] = useState(spec.processes.join(', '));
  const next: MachineSpec = {
    kernel,
    platform,
    ramPages: Number(ram),
    devices: devices.map((d): DeviceSpec => ({
      name: d.name,
      type: d.type,
      pages: Number(d.pages),
    })),
    processes: procs.split(/[\s,]+/).filter(Boolean),
  };
  const why = checkSpec(next);
  return (
    <Dialog label="New machine" onClose={onCancel}>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!why) onStart(next);
        }}
      >
        <h2 className="text-sm font-semibold">New machine</h2>
        <div className="flex gap-3">
          <label className="flex items-center gap-1">
            kernel
            <select
              data-testid="machine-kernel"
              className="rounded bg-slate-800"
              value={kernel}
              onChange={(e) => setKernel(e.target.value as KernelModel)}
            >
              <option value="modern">modern (v6.x)</option>
              <option value="seeds">seeds (≈ v4.14)</option>
            </select>
          </label>
          <label className="flex items-center gap-1">
            platform
            <select
              data-testid="machine-platform"
              className="rounded bg-slate-800"
              value={platform}
              onChange={(e) => setPlatform(e.target.value as PlatformId)}
            >
              <option value="pcie4">PCIe 4.0 discrete GPU</option>
              <option value="c2c">NVLink-C2C coherent</option>
            </select>
          </label>
        </div>
        <label className="flex items-center gap-1">
          system RAM
          <input
            data-testid="machine-ram"
            className="w-20 rounded bg-slate-800 px-1 font-mono"
            value={ram}
            onChange={(e) => setRam(e.target.value)}
          />{' '}
          pages
        </label>
        <fieldset className="space-y-1">
          <legend>devices</legend>
          {devices.map((d, i) => (
            <div key={i} className="flex items-center gap-1" data-testid={`machine-device-${i}`}>
              <input
                aria-label="device name"
                className="w-16 rounded bg-slate-800 px-1 font-mono"
                value={d.name}
                onChange={(e) =>
                  setDevices(devices.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                }
              />
              <select
                aria-label="device type"
                className="rounded bg-slate-800"
                value={d.type}
                onChange={(e) =>
                  setDevices(
                    devices.map((x, j) =>
                      j === i ? { ...x, type: e.target.value as MemType } : x,
                    ),
                  )
                }
              >
                <option value="private">device-private</option>
                <option value="coherent">
                  {kernel === 'seeds' ? 'device-public' : 'device-coherent'}
                </option>
                <option value="pmem">pmem (FS-DAX)</option>
              </select>
              <input
                aria-label="device pages"
                data-testid={`machine-device-pages-${i}`}
                className="w-14 rounded bg-slate-800 px-1 font-mono"
                value={d.pages}
                onChange={(e) =>
                  setDevices(devices.map((x, j) => (j === i ? { ...x, pages: e.target.value } : x)))
                }
              />
              pages
              <Button onClick={() => setDevices(devices.filter((_, j) => j !== i))}>remove</Button>
            </div>
          ))}
          <Button
            testId="machine-add-device"
            disabledWhy={devices.length >= 8 ? 'at most 8 devices' : null}
            onClick={() => {
              let n = 0;
              while (devices.some((d) => d.name === `gpu${n}`)) n++;
              setDevices([...devices, { name: `gpu${n}`, type: 'private', pages: '16' }]);
            }}
          >
            add device
          </Button>
        </fieldset>
        <label className="flex items-center gap-1">
          processes
          <input
            data-testid="machine-proc"
            className="w-20 rounded bg-slate-800 px-1 font-mono"
            value={procs}
            onChange={(e) => setProcs(e.target.value)}
          />
        </label>
        {why && <p className="text-amber-300">{why}</p>}
        <div className="flex gap-2">
          <Button
            testId="machine-start"
            kind="primary"
            disabledWhy={why}
            onClick={() => onStart(next)}
          >
            start
          </Button>
          <Button onClick={onCancel}>cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
