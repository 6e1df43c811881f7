import { describe, expect, it } from 'vitest';
import type { Step } from '../scenario/ast';
import {
  noStepNotice,
  replayFailed,
  restarted,
  stoppedAgain,
  textError,
  textStopsEngine,
  workerError,
  workerStopped,
} from './messages';

const read = (line: number): Step => ({
  command: { op: 'cpu-read', proc: 'app', range: { kind: 'buf', buf: 'buf', first: 0, count: 1 } },
  expects: [],
  notes: [],
  line,
});
const steps = [read(3), read(0), read(7)];

describe('what the store tells the user', () => {
  it('names a worker error and says the lab is unchanged (one full stop)', () => {
    expect(workerError(new Error('boom.'))).toEqual({
      kind: 'worker',
      message: 'boom. The lab is unchanged.',
    });
    expect(workerError('odd').message).toBe('odd. The lab is unchanged.');
  });

  it('counts a text’s errors', () => {
    expect(textError(1, 'line 4: what').message).toBe(
      'The scenario text has 1 error (line 4: what); the lab shows the last version that ran.',
    );
    expect(textError(3, 'x').message).toMatch(/^The scenario text has 3 errors \(x\)/);
    expect(noStepNotice({ op: 8, step: 2 })).toEqual({
      kind: 'notice',
      message: 'The scenario has no step 9.3: showing its end.',
    });
  });

  it('says on which command the worker stopped, by its line when it has one', () => {
    expect(workerStopped('it hung', null, steps)).toBe('The engine worker stopped (it hung)');
    expect(workerStopped('it hung', 0, steps)).toBe(
      'The engine worker stopped (it hung) on command 1 (cpu-read, line 3)',
    );
    expect(workerStopped('x', 1, steps)).toMatch(/on command 2 \(cpu-read\)$/);
    expect(workerStopped('x', 5, steps)).toMatch(/on command 6 \(a new one\)$/);
  });

  it('says where a healed lab is and how much was replayed', () => {
    const stopped = workerStopped('killed', null, steps);
    expect(restarted(stopped, { op: 1, step: 0 }, 3)).toEqual({
      kind: 'crash',
      message:
        'The engine worker stopped (killed). It was restarted at op 2, step 1 and your 3 commands were replayed.',
    });
    expect(restarted(stopped, { op: -1, step: -1 }, 1).message).toMatch(
      /restarted at the machine as booted and your 1 command was replayed\.$/,
    );
    expect(replayFailed(stopped, 3, new Error('again')).message).toBe(
      'The engine worker stopped (killed), and replaying your 3 commands failed: again',
    );
  });

  it('names the command that stops the engine, and where the lab stopped before it', () => {
    const stopped = workerStopped('killed', null, steps);
    expect(stoppedAgain(stopped, 'hung', 2, steps, { op: 1, step: 4 }).message).toBe(
      'The engine worker stopped (killed). Replaying your commands stopped it again (hung) on command 3 (cpu-read, line 7): that command stops the engine, so the lab stopped before it, at op 2, step 5 (your 2 commands were replayed). Change or remove that line.',
    );
    expect(textStopsEngine('hung', 1, steps, { op: 0, step: 0 }).message).toBe(
      'The engine worker stopped (hung) on command 2 (cpu-read): that command stops the engine, so it was restarted and the lab stopped before it, at op 1, step 1 (your 1 command was replayed). Change or remove that line.',
    );
  });
});
