/**
 * A serial queue: each task starts after the previous one settled, so worker replies are
 * applied in the order the user asked (a slow seek can't land after the run that followed it).
 */
export interface Queue {
  /** Run `task` after every earlier one; the returned promise settles with it. */
  push<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  readonly size: number;
}

export function createQueue(): Queue {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  return {
    push<T>(task: () => Promise<T>): Promise<T> {
      size++;
      const p = tail.then(task).finally(() => size--);
      tail = p.catch(() => {}); // one task's failure must not stop the next
      return p;
    },
    get size() {
      return size;
    },
  };
}
