/**
 * A fault a test injects (only through the test hook, never from a URL or a scenario): every
 * live run of a command whose op is `op` hangs in an endless loop or throws. The client sends it
 * to every fresh worker, so a restarted worker hangs on the same command again.
 */
export interface FaultPlan {
  kind: 'hang' | 'throw';
  op: string;
}
