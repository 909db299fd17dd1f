import type { Cue } from './state/actions';

/** Optional sound, made with Web Audio: short, soft tones, never required to follow the game. */

const CUES: Record<Cue, { notes: number[]; type: OscillatorType; length: number }> = {
  chip: { notes: [660], type: 'triangle', length: 0.07 },
  move: { notes: [523, 659], type: 'sine', length: 0.09 },
  ai: { notes: [440, 392], type: 'sine', length: 0.1 },
  deal: { notes: [523, 659, 784], type: 'sine', length: 0.14 },
  breakdown: { notes: [392, 311, 262], type: 'triangle', length: 0.16 },
  error: { notes: [220], type: 'square', length: 0.08 },
};

export class Sound {
  private context: AudioContext | null = null;
  enabled = false;

  play(cue: Cue): void {
    if (!this.enabled) return;
    try {
      this.context ??= new AudioContext();
      const ctx = this.context;
      if (ctx.state === 'suspended') void ctx.resume();
      const { notes, type, length } = CUES[cue];
      notes.forEach((frequency, i) => {
        const start = ctx.currentTime + i * length;
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = type;
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.12, start + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start);
        osc.stop(start + length + 0.02);
      });
    } catch {
      // No audio device or no Web Audio: the game is silent, which is fine.
    }
  }
}
