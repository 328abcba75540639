/**
 * A short beep and a buzz, so staff holding a tablet at a tray know a scan landed without looking.
 * Browsers allow audio only after a user gesture (starting the camera, a key press): until then
 * the beep is silently skipped.
 */
let audio: AudioContext | undefined;

function beep(frequency: number, seconds: number): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds);
  } catch {
    // No audio output (or not allowed yet): the visible result is what counts.
  }
}

export function signalSuccess(): void {
  beep(1320, 0.08);
  navigator.vibrate?.(60);
}

export function signalFailure(): void {
  beep(330, 0.25);
  navigator.vibrate?.([80, 60, 80]);
}
