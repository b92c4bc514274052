/**
 * The cameras this computer offers, for both screens: the manager's Settings "Camera" section and
 * the cashier's camera dialog read the same list (made once by the runtime). Names are the
 * browser's; a camera without one is named by its place in the list when shown.
 *
 * Which camera the dialog uses is `chosenCamera`: a camera picked in the dialog, else the saved
 * camera setting; null is the system's default camera (rear-facing where there is one). A pick is
 * kept here for this app run only: saving settings needs a manager session, which the cashier
 * screen does not have. The runtime forgets the pick whenever the saved setting changes, so the
 * camera a manager saves last always wins.
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
  /** The dialog's pick for this app run; null when none. */
  picked: string | null;
  /** A camera that would not start as not found, until a list offers it again. */
  missing: string | null;
  /** Read the list (again): a refresh keeps the choice while the chosen camera is still offered. */
  load(): Promise<void>;
  /** The cashier picked a camera in the dialog. */
  pick(id: string): void;
  /** The saved camera setting changed: the dialog's pick gives way to it. */
  forgetPick(): void;
  /** The camera `id` was not found when it was started. */
  markMissing(id: string): void;
  /** Forget the list (the console closed); the dialog's pick stays for this app run. */
  reset(): void;
}

export type CameraListStore = StoreApi<CameraListState>;

export type CameraDevices = Pick<MediaDevices, 'enumerateDevices'>;

/**
 * The camera to use for the saved setting `saved`: the dialog's pick, else the saved camera, while
 * the list offers it; null (the system's default camera) when neither is on this computer. While
 * the list is unread or has no ids (before the camera permission), the pick or the saved camera
 * as they are (unless it was not found): the camera starts at once, and the list read after it
 * starts can only confirm it.
 */
export function chosenCamera(state: Pick<CameraListState, 'cameras' | 'picked' | 'missing'>, saved: string | null): string | null {
  const cameras = state.cameras;
  if (cameras === null || cameras.length === 0) {
    const as = state.picked ?? saved;
    return as === state.missing ? null : as;
  }
  const offered = (id: string | null): id is string => id !== null && cameras.some((c) => c.id === id);
  if (offered(state.picked)) return state.picked;
  if (offered(saved)) return saved;
  return null;
}

/** `devices`: the computer's media devices (the browser's by default), undefined where there are none. */
export function createCameraListStore(deps: { devices?: () => CameraDevices | undefined } = {}): CameraListStore {
  const devices = deps.devices ?? (() => (typeof navigator === 'undefined' ? undefined : navigator.mediaDevices));
  // A list asked for before a reset (the console closed) is not shown after it.
  let generation = 0;
  return createStore<CameraListState>()((set) => ({
    cameras: null,
    problem: null,
    picked: null,
    missing: null,

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
        const cameras = video.map((d, i) => ({ id: d.deviceId, label: d.label, n: i + 1 }));
        set((s) => ({ cameras, problem: null, missing: cameras.some((c) => c.id === s.missing) ? null : s.missing }));
      } catch {
        if (mine === generation) set({ cameras: null, problem: 'failed' });
      }
    },

    pick(id) {
      set({ picked: id });
    },

    forgetPick() {
      set({ picked: null });
    },

    markMissing(id) {
      set({ missing: id });
    },

    reset() {
      generation++;
      set({ cameras: null, problem: null });
    },
  }));
}
