/**
 * A scenario: a machine, the pages it is about (its focus), then commands, each optionally
 * followed by expectations and lecturer's notes. The text form (parse.ts / format.ts) and the
 * JSON form (json.ts) both map to this shape and round-trip through it.
 */
import type { MachineSpec, RangeRef, ValueExpr } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { PteFlagName, PteKindName } from './values';

export interface Scenario {
  title: string | null;
  /** The pages the scenario is about: what the lab selects when it opens it (null: none). */
  focus: Focus | null;
  machine: MachineSpec;
  steps: Step[];
}

/**
 * `focus <proc> <range>`: pages of one buffer of a header process (a buffer range, never an
 * address range: the lab selects buffers' pages). The buffer is mapped by a later `mmap` of
 * that process (focus.ts checks it once the commands are read). `line` as in Step.
 */
export interface Focus {
  proc: string;
  range: Extract<RangeRef, { kind: 'buf' }>;
  line: number;
}

/** `note "text"`: what a lecturer says at a command, shown as a callout at its operation. */
export interface Note {
  text: string;
  line: number;
}

/**
 * One command and the expectations and notes written under it. `line` is 1-based, 0 when not
 * from text.
 */
export interface Step {
  command: Command;
  expects: Expect[];
  notes: Note[];
  line: number;
}

/** What running a step needs (the worker, the CLI): a note changes nothing that runs. */
export type RunStep = Omit<Step, 'notes'>;

export interface FlagCheck {
  flag: PteFlagName;
  set: boolean;
}

/** Where a frame lives: `ram` or a device name. Used by `expect page ... on X`. */
export type FrameRef = { mem: string; index: number };

export type Expect =
  | { kind: 'ret'; code: number; line: number }
  | { kind: 'counters'; cpages: number | null; faults: number | null; line: number }
  | {
      kind: 'pte';
      proc: string;
      range: RangeRef;
      pte: PteKindName;
      flags: FlagCheck[];
      line: number;
    }
  | { kind: 'value'; proc: string; range: RangeRef; value: ValueExpr; line: number }
  | { kind: 'devbuf'; mirror: string; range: RangeRef; value: ValueExpr; line: number }
  | { kind: 'snapshot'; bytes: number[]; line: number }
  | {
      kind: 'page';
      proc: string;
      range: RangeRef;
      ref: number | null;
      map: number | null;
      pin: number | null;
      on: string | null;
      line: number;
    }
  | {
      kind: 'frame';
      frame: FrameRef;
      ref: number | null;
      map: number | null;
      value: number | null;
      state: 'free' | 'allocated' | null;
      line: number;
    }
  | { kind: 'bits'; device: string; first: number; last: number; set: boolean; line: number }
  | { kind: 'allocated'; device: string; count: number; line: number }
  | {
      kind: 'mirror';
      mirror: string;
      range: RangeRef;
      entry: 'none' | 'read' | 'write' | 'atomic';
      line: number;
    }
  | { kind: 'rss'; proc: string; count: number; line: number };

export type ExpectKind = Expect['kind'];
