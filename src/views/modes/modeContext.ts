/** The mode context and its hook (ModeProvider.tsx provides it). */
import { createContext, useContext } from 'react';
import type { LabMode } from './mode';

export interface ModeApi {
  mode: LabMode;
  setMode: (next: LabMode) => void;
}

export const ModeContext = createContext<ModeApi | null>(null);

export function useMode(): ModeApi {
  const m = useContext(ModeContext);
  if (!m) throw new Error('useMode() outside <ModeProvider>');
  return m;
}
