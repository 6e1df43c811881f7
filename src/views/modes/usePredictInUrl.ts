/**
 * Predict-then-reveal and the address agree: `?predict` turns it on at load, and toggling it
 * later updates the address, so a link made with it on opens with it on.
 */
import { useEffect, useRef } from 'react';
import { useLabStore } from '../../store/react';
import { useMode } from './modeContext';

export function usePredictInUrl(): void {
  const store = useLabStore();
  const api = useMode();
  const latest = useRef(api);
  useEffect(() => {
    latest.current = api;
  });
  useEffect(() => {
    if (latest.current.mode.predict) store.getState().setPredict(true);
    return store.subscribe((s, prev) => {
      const { mode, setMode } = latest.current;
      if (s.predict.on !== prev.predict.on && s.predict.on !== mode.predict)
        setMode({ ...mode, predict: s.predict.on });
    });
  }, [store]);
}
