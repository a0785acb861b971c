/**
 * The end-of-round sound: three short tones made on the spot (no file to load). Browsers only let
 * a page play sound after a gesture, so the context is made when the user switches sound on.
 */
export class RoundEndSound {
  #context: AudioContext | null = null;

  /** Call from a click: unlocks audio for later. */
  enable(): void {
    this.#context ??= new AudioContext();
    void this.#context.resume();
  }

  disable(): void {
    void this.#context?.close();
    this.#context = null;
  }

  get enabled(): boolean {
    return this.#context !== null;
  }

  play(): void {
    const context = this.#context;
    if (!context) return;
    for (let i = 0; i < 3; i++) {
      const start = context.currentTime + i * 0.35;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.3, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.25);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.3);
    }
  }
}
