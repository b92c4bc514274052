/**
 * The Settings "Camera" section's list of cameras this computer offers (read when the section
 * shows), and why there is none to choose from. Names are the browser's; a camera without one is
 * named by its place in the list when shown, in the console's language.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface CameraOption {
  id: string;
  /** The browser's name for it; '' when it gives none. */
  label: string;
  /** Its place among the cameras, from 1. */
  n: number;
}

/** no-list: the computer offers no camera list at all · failed: reading it failed. */
export type CameraListProblem = 'no-list' | 'failed';

export interface CameraListState {
  /** null until read. */
  cameras: CameraOption[] | null;
  problem: CameraListProblem | null;
  load(): Promise<void>;
  reset(): void;
}

export type CameraListStore = StoreApi<CameraListState>;

export type CameraDevices = Pick<MediaDevices, 'enumerateDevices'>;

const EMPTY = { cameras: null, problem: null } as const;

/** `devices`: the computer's media devices (the browser's by default), undefined where there are none. */
export function createCameraListStore(deps: { devices?: () => CameraDevices | undefined } = {}): CameraListStore {
  const devices = deps.devices ?? (() => (typeof navigator === 'undefined' ? undefined : navigator.mediaDevices));
  // A list asked for before a reset (the console closed) is not shown after it.
  let generation = 0;
  return createStore<CameraListState>()((set) => ({
    ...EMPTY,

    async load() {
      const mine = ++generation;
      const md = devices();
      if (md === undefined || typeof md.enumerateDevices !== 'function') {
        set({ cameras: null, problem: 'no-list' });
        return;
      }
      try {
        const all = await md.enumerateDevices();
        if (mine !== generation) return;
        const video = all.filter((d) => d.kind === 'videoinput' && d.deviceId !== '');
        set({ cameras: video.map((d, i) => ({ id: d.deviceId, label: d.label, n: i + 1 })), problem: null });
      } catch {
        if (mine === generation) set({ cameras: null, problem: 'failed' });
      }
    },

    reset() {
      generation++;
      set(EMPTY);
    },
  }));
}
