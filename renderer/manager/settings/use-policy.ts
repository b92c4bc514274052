/** The policy store (what the fleet policy locks) for the settings and support views. */
import { useStore } from 'zustand';
import { useRuntime } from '../../app/context.tsx';
import type { PolicyStoreState } from './policy-store.ts';

export const usePolicy = <T>(select: (s: PolicyStoreState) => T): T => useStore(useRuntime().policy, select);
