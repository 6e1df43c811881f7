/**
 * The store in React: a provider for one lab store and `useLab(selector)`. A factory plus a
 * context (not a module singleton), so each test and each page gets its own store.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from './types';

const LabStoreContext = createContext<StoreApi<LabState> | null>(null);

export function LabStoreProvider(props: { store: StoreApi<LabState>; children?: ReactNode }) {
  return createElement(LabStoreContext.Provider, { value: props.store }, props.children);
}

/** Read the lab store through a selector (see selectors.ts). Only inside <LabStoreProvider>. */
export function useLab<T>(selector: (s: LabState) => T): T {
  const store = useContext(LabStoreContext);
  if (!store)
    throw new Error(
      'useLab() was called outside <LabStoreProvider>: wrap the views in ' +
        '<LabStoreProvider store={createLabStore(client, spec)}>',
    );
  return useStore(store, selector);
}

/**
 * The vanilla store itself, for views that paint outside React (canvas grids subscribe to it
 * and repaint on the next animation frame instead of re-rendering).
 */
export function useLabStore(): StoreApi<LabState> {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLabStore() was called outside <LabStoreProvider>');
  return store;
}
