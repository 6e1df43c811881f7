/**
 * The self-check's worker: the conformance suite and engine runs given as data, executed in a
 * Web Worker as the lab's engine is, so the hashes e2e compares with Node's come from a worker.
 */
import * as Comlink from 'comlink';
import { runHash, type EngineRun } from '../../engine/runs';
import { conformanceNames, runCase } from './suite';

const api = {
  conformanceNames,
  runCases: (names: string[]) => names.map(runCase),
  runHashes: (runs: EngineRun[]) => runs.map(runHash),
};

export type SelfCheckApi = typeof api;

Comlink.expose(api);
