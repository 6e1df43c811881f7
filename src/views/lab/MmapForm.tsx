/** The mmap dialog: a new buffer for a process (name, size, backing, sharing, protection). */
import { useState } from 'react';
import type { Prot } from '../../engine/commands/terms';
import { LIMITS } from '../../engine/limits';
import type { Snapshot } from '../../engine/snapshot';
import { useLab } from '../../store/react';
import { Button } from '../../ui/Button';
import { Choice, TextInput } from '../../ui/Field';

type Kind = 'anon-private' | 'anon-shared' | 'file-private' | 'file-shared' | 'dax';

export function MmapForm({
  snap,
  proc,
  onDone,
}: {
  snap: Snapshot;
  proc: string;
  onDone: () => void;
}) {
  const run = useLab((s) => s.run);
  const p = snap.procs.find((x) => x.name === proc);
  const used = new Set(p?.buffers.map((b) => b.name));
  let n = 0;
  while (used.has(`buf${n}`)) n++;
  const [name, setName] = useState(`buf${n}`);
  const [pages, setPages] = useState('4');
  const [kind, setKind] = useState<Kind>('anon-private');
  const [prot, setProt] = useState<Prot>('rw');
  const [file, setFile] = useState('data');
  const pmem = snap.devices.find((d) => d.type === 'pmem' && d.online);
  const count = Number(pages);
  const why = !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)
    ? 'a buffer name starts with a letter or _ and has letters, digits, _ . -'
    : used.has(name)
      ? `${proc} already has a buffer named ${name}`
      : !Number.isInteger(count) || count < 1 || count > LIMITS.mmapPages
        ? `the size must be 1 to ${LIMITS.mmapPages} pages`
        : kind === 'dax' && !pmem
          ? 'a DAX mapping needs a pmem device: hotplug one first'
          : kind.startsWith('file') && !/^[A-Za-z0-9_./+:@=,~-]{1,255}$/.test(file)
            ? 'a file name is letters, digits and _ . / + : @ = , ~ -'
            : null;
  const submit = (): void => {
    const fileName = kind.startsWith('file') ? file : kind === 'dax' ? (pmem?.name ?? null) : null;
    void run({
      op: 'mmap',
      proc,
      buf: name,
      pages: count,
      backing: kind.startsWith('anon') ? 'anon' : 'file',
      file: fileName,
      shared: kind.endsWith('shared') || kind === 'dax',
      prot,
    });
    onDone();
  };
  return (
    <form
      aria-label="mmap"
      className="flex flex-wrap items-center gap-1 rounded border border-slate-700 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!why) submit();
      }}
    >
      <label className="flex items-center gap-1">
        name{' '}
        <TextInput
          label="buffer name"
          testId="mmap-name"
          width="w-16"
          value={name}
          onChange={(v) => setName(v)}
        />
      </label>
      <label className="flex items-center gap-1">
        pages{' '}
        <TextInput
          label="pages"
          testId="mmap-pages"
          width="w-12"
          value={pages}
          onChange={(v) => setPages(v)}
        />
      </label>
      <Choice<Kind> label="backing" testId="mmap-kind" value={kind} onChange={setKind}>
        <option value="anon-private">anon private</option>
        <option value="anon-shared">anon shared (shmem)</option>
        <option value="file-private">file private</option>
        <option value="file-shared">file shared</option>
        <option value="dax">DAX on pmem</option>
      </Choice>
      {kind.startsWith('file') && (
        <label className="flex items-center gap-1">
          file
          <TextInput
            label="file name"
            testId="mmap-file"
            width="w-16"
            value={file}
            onChange={(v) => setFile(v)}
          />
        </label>
      )}
      <Choice<Prot> label="mmap protection" testId="mmap-prot" value={prot} onChange={setProt}>
        <option value="rw">rw</option>
        <option value="r">r</option>
        <option value="none">none</option>
      </Choice>
      <Button testId="mmap-submit" kind="primary" disabledWhy={why} onClick={submit}>
        map
      </Button>
      <Button onClick={onDone}>cancel</Button>
      {why && <span className="w-full text-2xs text-amber-300">{why}</span>}
    </form>
  );
}
