/**
 * The transport bar: start, back an operation, back a step, play/pause, step into, step over,
 * end; the scrubber; where we are; the playback speed. Every button names its key.
 */
import { isEnd, type StepKind } from '../../timeline/navigation';
import { selectOps, selectPlaying, selectPosition, selectSpeed } from '../../store/selectors';
import { useLab } from '../../store/react';
import { MARK_LANES } from '../model/marks';
import { Icon, type IconName } from './icons';
import { Scrubber } from './Scrubber';
import { StepAnnouncer } from './StepAnnouncer';

function TransportButton(props: {
  label: string;
  keyName: string;
  glyph: IconName;
  onClick: () => void;
  disabledWhy: string | null;
  testId: string;
  pressed?: boolean;
}) {
  return (
    <button
      type="button"
      data-testid={props.testId}
      onClick={props.onClick}
      disabled={props.disabledWhy !== null}
      aria-label={props.label}
      aria-keyshortcuts={props.keyName}
      aria-pressed={props.pressed}
      title={props.disabledWhy ?? `${props.label} (${props.keyName})`}
      className="flex h-6 w-7 items-center justify-center rounded bg-slate-800 text-sm leading-none text-slate-100 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300 disabled:cursor-not-allowed disabled:opacity-40"
    >
      <Icon name={props.glyph} />
    </button>
  );
}

/** The step buttons, backward ones first (they share "at the start"), then forward ones. */
const STEP_BUTTONS: readonly {
  testId: string;
  label: string;
  keyName: string;
  glyph: IconName;
  kind: StepKind;
}[] = [
  { testId: 'tl-start', label: 'To the start', keyName: 'Home', glyph: 'start', kind: 'start' },
  {
    testId: 'tl-back-over',
    label: 'Back one operation',
    keyName: 'Shift+ArrowLeft',
    glyph: 'backOver',
    kind: 'backOver',
  },
  { testId: 'tl-back', label: 'Step back', keyName: 'ArrowLeft', glyph: 'back', kind: 'backInto' },
  { testId: 'tl-into', label: 'Step into', keyName: 'ArrowRight', glyph: 'into', kind: 'into' },
  {
    testId: 'tl-over',
    label: 'Step over',
    keyName: 'Shift+ArrowRight',
    glyph: 'over',
    kind: 'over',
  },
  { testId: 'tl-end', label: 'To the end', keyName: 'End', glyph: 'end', kind: 'end' },
];

export function Timeline() {
  const ops = useLab(selectOps);
  const pos = useLab(selectPosition);
  const playing = useLab(selectPlaying);
  const speed = useLab(selectSpeed);
  const step = useLab((s) => s.step);
  const setPlaying = useLab((s) => s.setPlaying);
  const changeSpeed = useLab((s) => s.changeSpeed);
  const atStart = !pos || pos.op < 0;
  const atEnd = !pos || isEnd(ops, pos);
  const go = (k: StepKind) => () => {
    setPlaying(false);
    void step(k);
  };
  const startWhy = atStart ? 'already at the start' : null;
  const endWhy = atEnd ? 'already at the end' : null;
  const op = pos && pos.op >= 0 ? ops[pos.op] : undefined;
  return (
    <div
      role="toolbar"
      aria-label="Timeline"
      data-testid="timeline"
      className="flex h-9 items-center gap-1 px-2"
    >
      {STEP_BUTTONS.slice(0, 3).map((b) => (
        <TransportButton key={b.testId} {...b} onClick={go(b.kind)} disabledWhy={startWhy} />
      ))}
      <TransportButton
        testId="tl-play"
        label={playing ? 'Pause' : 'Play'}
        keyName="Space"
        glyph={playing ? 'pause' : 'play'}
        pressed={playing}
        onClick={() => setPlaying(!playing)}
        disabledWhy={ops.length === 0 ? 'nothing to play: run a command first' : null}
      />
      {STEP_BUTTONS.slice(3).map((b) => (
        <TransportButton key={b.testId} {...b} onClick={go(b.kind)} disabledWhy={endWhy} />
      ))}
      <div className="mx-2 flex min-w-0 flex-1 items-center gap-2">
        <Scrubber />
      </div>
      <span
        className="w-[12rem] truncate text-right font-mono text-2xs text-slate-300"
        data-testid="timeline-position"
      >
        {op && pos
          ? `op ${pos.op + 1}/${ops.length} · step ${pos.step + 1}/${op.steps.length}`
          : `boot · ${ops.length} ops`}
      </span>
      <span className="flex items-center gap-1 text-2xs text-slate-400">
        <TransportButton
          testId="tl-slower"
          label="Slower"
          keyName="-"
          glyph="slower"
          onClick={() => changeSpeed(-1)}
          disabledWhy={null}
        />
        <span
          className="w-12 text-center font-mono"
          data-testid="tl-speed"
          title="playback speed, micro-steps per second"
        >
          {speed}/s
        </span>
        <TransportButton
          testId="tl-faster"
          label="Faster"
          keyName="+"
          glyph="faster"
          onClick={() => changeSpeed(1)}
          disabledWhy={null}
        />
      </span>
      <StepAnnouncer />
      <span className="ml-1 hidden gap-1 text-2xs text-slate-500 xl:flex" aria-hidden>
        {MARK_LANES.map((l) => (
          <span key={l.kind} className="flex items-center gap-0.5">
            <span className="inline-block h-2 w-2 rounded-sm" style={{ background: l.color }} />
            {l.label}
          </span>
        ))}
      </span>
    </div>
  );
}
