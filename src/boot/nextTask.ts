/**
 * Resolves in a task of its own, after anything already queued (a rendered frame included, when
 * one is due). The page boots in steps joined by this, so that no step, and no pair of them,
 * is one long task.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
