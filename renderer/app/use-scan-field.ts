/** Let a focused input take scans (a receipt's transaction id) instead of treating them as member codes. */
import { useEffect, useRef, type RefObject } from 'react';
import { ID_PATTERN } from '../../shared/api/schemas.ts';
import { useRuntime } from './context.tsx';

export function useScanField(ref: RefObject<HTMLInputElement | null>, label: string, set: (value: string) => void, accepts: (value: string) => boolean = (v) => ID_PATTERN.test(v)): void {
  const runtime = useRuntime();
  const latest = useRef({ set, accepts });
  useEffect(() => {
    latest.current = { set, accepts };
  });
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    return runtime.scanFields.register(el, {
      label,
      accepts: (v) => latest.current.accepts(v),
      set: (v) => latest.current.set(v),
    });
  }, [runtime, ref, label]);
}
