import { useEffect, useState } from 'react';
import { afterNextFrame } from './afterNextFrame';

/**
 * The stage a layout has mounted up to, counting from 1 to `count`, one more per rendered frame.
 * A view as large as the lab, rendered, styled and laid out at once on a cold page load, is one
 * task of 100 ms or more; mounted a part per frame, each part is a task well under 50 ms, and
 * the first parts paint sooner. Stages only ever go up: a re-render never unmounts a part.
 */
export function useMountStages(count: number): number {
  const [stage, setStage] = useState(1);
  useEffect(() => {
    if (stage >= count) return;
    return afterNextFrame(() => setStage((s) => Math.min(count, s + 1)));
  }, [stage, count]);
  return stage;
}
