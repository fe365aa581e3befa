/**
 * Spoken digit names ("zero" … "nine") as log-mel spectrograms, synthesized at dataset-build time by espeak-ng
 * with several voices, speeds and pitches (Listen, Attend and Spell's task in miniature).
 */
import { join } from 'node:path';
import { DATASETS_DIR, expectFormat, readDataFile, REGENERATE, tsvRows } from './read.ts';

export const SPOKEN_DIGITS_FILE = 'spoken-digits/spectrograms.tsv';

/** Mel bands per frame. */
export const SPOKEN_DIGITS_BANDS = 24;
/** Each band's log energy is stored as one byte q: decibels = DB_FLOOR + q · DB_STEP. */
export const SPOKEN_DIGITS_DB_FLOOR = -80;
export const SPOKEN_DIGITS_DB_STEP = 0.5;

const HEADER = ['word', 'voice', 'speed', 'pitch', 'frames', 'logmel'] as const;
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export interface Utterance {
  /** The digit's name, "zero" … "nine". */
  word: string;
  /** The digit, 0..9 (the index of `word`). */
  digit: number;
  /** The espeak-ng voice, speed (words per minute) and pitch (0..99) it was synthesized with. */
  voice: string;
  speed: number;
  pitch: number;
  /** [frames][SPOKEN_DIGITS_BANDS]: log-mel energies in dB (25 ms windows every 10 ms). */
  frames: number[][];
}

export function loadSpokenDigits(dir: string = DATASETS_DIR): Utterance[] {
  const path = join(dir, SPOKEN_DIGITS_FILE);
  const rows = tsvRows(path, readDataFile(dir, SPOKEN_DIGITS_FILE, REGENERATE), HEADER);
  return rows.map(([word, voice, speed, pitch, frameCount, logmel], i) => {
    const line = i + 2;
    const digit = WORDS.indexOf(word!);
    expectFormat(digit >= 0, path, line, `expected a digit's name (zero … nine), got '${word}'`);
    expectFormat(/^[a-z0-9+-]+$/.test(voice!), path, line, `expected an espeak-ng voice name, got '${voice}'`);
    expectFormat(/^\d+$/.test(speed!) && /^\d+$/.test(pitch!), path, line, `speed and pitch must be whole numbers, got '${speed}' and '${pitch}'`);
    expectFormat(/^[1-9]\d*$/.test(frameCount!), path, line, `expected a positive number of frames, got '${frameCount}'`);
    expectFormat(/^[A-Za-z0-9+/]*={0,2}$/.test(logmel!), path, line, 'the logmel column must be base64');
    const bytes = Buffer.from(logmel!, 'base64');
    const T = Number(frameCount);
    expectFormat(bytes.length === T * SPOKEN_DIGITS_BANDS, path, line, `expected ${T}·${SPOKEN_DIGITS_BANDS} = ${T * SPOKEN_DIGITS_BANDS} bytes of log-mel energies, got ${bytes.length}`);
    const frames = Array.from({ length: T }, (_, t) => Array.from(bytes.subarray(t * SPOKEN_DIGITS_BANDS, (t + 1) * SPOKEN_DIGITS_BANDS), (q) => SPOKEN_DIGITS_DB_FLOOR + q * SPOKEN_DIGITS_DB_STEP));
    return { word: word!, digit, voice: voice!, speed: Number(speed), pitch: Number(pitch), frames };
  });
}

export { WORDS as SPOKEN_DIGIT_WORDS };
