/**
 * Runs `fn` once the browser has rendered the next frame (its style, layout and paint), so work
 * queued this way starts a task of its own after that frame instead of joining it. A hidden tab
 * renders no frames: after `fallbackMs` the work runs anyway. Returns a cancel function.
 */
export function afterNextFrame(fn: () => void, fallbackMs = 100): () => void {
  let done = false;
  let inner: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    fn();
  };
  // rAF callbacks run just before the frame's rendering; the timeout it sets runs after it.
  const frame = requestAnimationFrame(() => {
    inner = setTimeout(run, 0);
  });
  const fallback = setTimeout(run, fallbackMs);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(inner);
  };
}
