/**
 * A scenario: a machine, then commands, each optionally followed by expectations.
 * The text form (parse.ts / format.ts) and the JSON form (json.ts) both map to this shape
 * and round-trip through it.
 */
import type { MachineSpec, RangeRef, ValueExpr } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { PteFlagName, PteKindName } from './values';

export interface Scenario {
  title: string | null;
  machine: MachineSpec;
  steps: Step[];
}

/** One command and the expectations written under it. `line` is 1-based, 0 when not from text. */
export interface Step {
  command: Command;
  expects: Expect[];
  line: number;
}

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
