/**
 * spoken-digits/spectrograms.tsv: every digit name spoken by espeak-ng (Debian's package, run here at build
 * time only) in each of VOICES × SPEEDS × PITCHES, turned into log-mel spectrograms:
 *
 *   WAV (espeak-ng --stdout: RIFF, 16-bit mono PCM, 22050 Hz) → samples in [−1, 1) → leading and trailing
 *   silence cut (below 2 % of the peak, keeping 20 ms either side) → frames of 25 ms (551 samples, Hann window)
 *   every 10 ms (220 samples) → power spectrum of a 1024-point FFT (fft.js) → 24 triangular mel filters
 *   (HTK mel scale, 20 Hz … 8 kHz) → 10·log10(energy + 1e-10) dB → one byte per band in half-dB steps from
 *   −80 dB (clipped to 0..255), base64.
 *
 * espeak-ng is deterministic (the same text, voice and parameters give the same WAV bytes), so a machine with
 * the same espeak-ng version writes the same file byte for byte.
 */
import { execFileSync } from 'node:child_process';
import FFT from 'fft.js';
import { SPOKEN_DIGIT_WORDS, SPOKEN_DIGITS_BANDS, SPOKEN_DIGITS_DB_FLOOR, SPOKEN_DIGITS_DB_STEP } from '../load/spoken-digits.ts';
import { tsv, type DatasetFiles } from './files.ts';

/** The espeak-ng version the committed file was built with (another version may pronounce differently). */
export const ESPEAK_NG_VERSION = '1.51';
export const VOICES = ['en-us', 'en-gb', 'en-gb-scotland', 'en-029', 'en-us+f3', 'en-gb-x-rp+m3'] as const;
/** Words per minute (espeak-ng -s). */
export const SPEEDS = [130, 170, 210] as const;
/** 0..99 (espeak-ng -p). */
export const PITCHES = [30, 70] as const;

const SAMPLE_RATE = 22050;
const WINDOW = 551; // 25 ms
const HOP = 220; // 10 ms
const FFT_SIZE = 1024;
const MEL_LOW_HZ = 20;
const MEL_HIGH_HZ = 8000;
const SILENCE = 0.02;
const MARGIN = 441; // 20 ms

/** The installed espeak-ng's version ('1.51'), or undefined when it is not on PATH. */
export function espeakNgVersion(): string | undefined {
  try {
    return /text-to-speech:\s*(\S+)/.exec(execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' }))?.[1];
  } catch {
    return undefined;
  }
}

/** espeak-ng's WAV of `text` → its samples in [−1, 1). */
function speak(text: string, voice: string, speed: number, pitch: number): Float64Array {
  const wav = execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '--stdout', text]);
  return pcmSamples(wav);
}

/**
 * The samples of a RIFF/WAVE file of 16-bit mono PCM at SAMPLE_RATE. espeak-ng writes to a pipe, so its RIFF and
 * data sizes are placeholders (0x7fffffff): the data chunk is taken to run to the end of the file.
 */
export function pcmSamples(wav: Buffer): Float64Array {
  const fail = (what: string) => {
    throw new Error(`espeak-ng's output is not the WAV expected: ${what}`);
  };
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') fail('no RIFF/WAVE header');
  let offset = 12;
  let format: { channels: number; rate: number; bits: number; codec: number } | undefined;
  while (offset + 8 <= wav.length) {
    const [id, size] = [wav.toString('ascii', offset, offset + 4), wav.readUInt32LE(offset + 4)];
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { codec: wav.readUInt16LE(body), channels: wav.readUInt16LE(body + 2), rate: wav.readUInt32LE(body + 4), bits: wav.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) fail('a data chunk before the fmt chunk');
      const { codec, channels, rate, bits } = format!;
      if (codec !== 1 || channels !== 1 || bits !== 16 || rate !== SAMPLE_RATE) fail(`expected 16-bit mono PCM at ${SAMPLE_RATE} Hz, got codec ${codec}, ${channels} channels, ${bits} bits, ${rate} Hz`);
      const end = Math.min(wav.length, body + size);
      const count = Math.floor((end - body) / 2);
      const samples = new Float64Array(count);
      for (let i = 0; i < count; i++) samples[i] = wav.readInt16LE(body + 2 * i) / 32768;
      return samples;
    }
    offset = body + size + (size % 2);
  }
  return fail('no data chunk');
}

/** The samples from MARGIN before the first to MARGIN after the last one louder than SILENCE × the peak. */
function trimSilence(samples: Float64Array): Float64Array {
  const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const loud = (v: number) => Math.abs(v) >= SILENCE * peak;
  const first = samples.findIndex(loud);
  let last = samples.length - 1;
  while (last > first && !loud(samples[last]!)) last--;
  if (first < 0) throw new Error('espeak-ng produced silence');
  return samples.subarray(Math.max(0, first - MARGIN), Math.min(samples.length, last + MARGIN + 1));
}

const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const hzOfMel = (m: number) => 700 * (10 ** (m / 2595) - 1);

/** [bands][FFT_SIZE / 2 + 1]: triangular filters, equally spaced on the mel scale, peak 1. */
function melFilters(): number[][] {
  const [lo, hi] = [mel(MEL_LOW_HZ), mel(MEL_HIGH_HZ)];
  const edges = Array.from({ length: SPOKEN_DIGITS_BANDS + 2 }, (_, i) => hzOfMel(lo + ((hi - lo) * i) / (SPOKEN_DIGITS_BANDS + 1)));
  return Array.from({ length: SPOKEN_DIGITS_BANDS }, (_, b) => {
    const [left, centre, right] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    return Array.from({ length: FFT_SIZE / 2 + 1 }, (_, k) => {
      const hz = (k * SAMPLE_RATE) / FFT_SIZE;
      return Math.max(0, Math.min((hz - left) / (centre - left), (right - hz) / (right - centre)));
    });
  });
}

/** The quantized log-mel spectrogram of `samples`: [frames · bands] bytes, frame by frame. */
export function logMelBytes(samples: Float64Array): Uint8Array {
  const fft = new FFT(FFT_SIZE);
  const filters = melFilters();
  const hann = Array.from({ length: WINDOW }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (WINDOW - 1)));
  const frames = Math.max(1, 1 + Math.floor((samples.length - WINDOW) / HOP));
  const bytes = new Uint8Array(frames * SPOKEN_DIGITS_BANDS);
  const input = new Array<number>(FFT_SIZE).fill(0);
  const spectrum = fft.createComplexArray() as number[];
  const power = new Float64Array(FFT_SIZE / 2 + 1);
  for (let t = 0; t < frames; t++) {
    for (let n = 0; n < FFT_SIZE; n++) input[n] = n < WINDOW ? (samples[t * HOP + n] ?? 0) * hann[n]! : 0;
    fft.realTransform(spectrum, input);
    for (let k = 0; k <= FFT_SIZE / 2; k++) power[k] = spectrum[2 * k]! ** 2 + spectrum[2 * k + 1]! ** 2;
    filters.forEach((filter, b) => {
      let energy = 0;
      for (let k = 0; k < filter.length; k++) energy += filter[k]! * power[k]!;
      const dB = 10 * Math.log10(energy + 1e-10);
      bytes[t * SPOKEN_DIGITS_BANDS + b] = Math.min(255, Math.max(0, Math.round((dB - SPOKEN_DIGITS_DB_FLOOR) / SPOKEN_DIGITS_DB_STEP)));
    });
  }
  return bytes;
}

export function buildSpokenDigits(): DatasetFiles {
  const version = espeakNgVersion();
  if (!version) throw new Error('espeak-ng is not installed: `apt-get install espeak-ng` (Debian) to build spoken-digits/');
  const rows: (string | number)[][] = [];
  for (const word of SPOKEN_DIGIT_WORDS) {
    for (const voice of VOICES) {
      for (const speed of SPEEDS) {
        for (const pitch of PITCHES) {
          const bytes = logMelBytes(trimSilence(speak(word, voice, speed, pitch)));
          rows.push([word, voice, speed, pitch, bytes.length / SPOKEN_DIGITS_BANDS, Buffer.from(bytes).toString('base64')]);
        }
      }
    }
  }
  return { 'spoken-digits/spectrograms.tsv': tsv(['word', 'voice', 'speed', 'pitch', 'frames', 'logmel'], rows) };
}
