/**
 * The page's mode (lab, presenter, embed; predict-then-reveal) as React context, kept in the
 * URL's query so a link or a reload opens in the same mode.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { modeSearch, type LabMode } from './mode';
import { ModeContext } from './modeContext';

export function ModeProvider({ initial, children }: { initial: LabMode; children: ReactNode }) {
  const [mode, setState] = useState(initial);
  const setMode = useCallback((next: LabMode) => {
    setState(next);
    const { pathname, search, hash } = window.location;
    history.replaceState(null, '', `${pathname}${modeSearch(next, search)}${hash}`);
  }, []);
  const api = useMemo(() => ({ mode, setMode }), [mode, setMode]);
  return <ModeContext.Provider value={api}>{children}</ModeContext.Provider>;
}
