/**
 * Audible feedback with the Web Audio API: short synthesized tones, no audio files. Each kind
 * has its own shape so it is recognisable without looking: a single short beep for a good scan,
 * a low double buzz for an error, a rising chime for HONOR, a long low tone for DO NOT HONOR.
 */
export type SoundKind = 'scan' | 'error' | 'success' | 'honor' | 'deny' | 'notYet';

interface Tone {
  freq: number;
  /** Seconds after the first tone starts. */
  at: number;
  dur: number;
  type: OscillatorType;
  gain: number;
}

export const SOUNDS: Readonly<Record<SoundKind, readonly Tone[]>> = {
  scan: [{ freq: 1600, at: 0, dur: 0.07, type: 'sine', gain: 0.25 }],
  error: [
    { freq: 220, at: 0, dur: 0.16, type: 'square', gain: 0.12 },
    { freq: 180, at: 0.22, dur: 0.22, type: 'square', gain: 0.12 },
  ],
  success: [
    { freq: 1046, at: 0, dur: 0.09, type: 'sine', gain: 0.22 },
    { freq: 1568, at: 0.1, dur: 0.14, type: 'sine', gain: 0.22 },
  ],
  honor: [
    { freq: 784, at: 0, dur: 0.1, type: 'sine', gain: 0.25 },
    { freq: 1046, at: 0.11, dur: 0.1, type: 'sine', gain: 0.25 },
    { freq: 1568, at: 0.22, dur: 0.2, type: 'sine', gain: 0.25 },
  ],
  deny: [{ freq: 150, at: 0, dur: 0.6, type: 'sawtooth', gain: 0.12 }],
  notYet: [
    { freq: 660, at: 0, dur: 0.12, type: 'triangle', gain: 0.2 },
    { freq: 660, at: 0.3, dur: 0.12, type: 'triangle', gain: 0.2 },
  ],
};

export interface SoundPlayer {
  play(kind: SoundKind): void;
}

type AudioContextCtor = new () => AudioContext;

export function createSoundPlayer(ctor: AudioContextCtor | undefined = typeof AudioContext === 'function' ? AudioContext : undefined): SoundPlayer {
  let ctx: AudioContext | null = null;
  return {
    play(kind) {
      if (ctor === undefined) return;
      try {
        ctx ??= new ctor();
        if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
        const start = ctx.currentTime + 0.01;
        for (const tone of SOUNDS[kind]) {
          const osc = ctx.createOscillator();
          const gain = ctx.createGain();
          osc.type = tone.type;
          osc.frequency.value = tone.freq;
          const t0 = start + tone.at;
          const t1 = t0 + tone.dur;
          // Short ramps so tones start and end without clicks.
          gain.gain.setValueAtTime(0, t0);
          gain.gain.linearRampToValueAtTime(tone.gain, t0 + 0.01);
          gain.gain.setValueAtTime(tone.gain, Math.max(t0 + 0.01, t1 - 0.02));
          gain.gain.linearRampToValueAtTime(0, t1);
          osc.connect(gain).connect(ctx.destination);
          osc.start(t0);
          osc.stop(t1 + 0.02);
        }
      } catch {
        // Sound is a courtesy: no audio device must never break a scan.
      }
    },
  };
}
