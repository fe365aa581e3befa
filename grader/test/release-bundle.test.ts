import { describe, expect, test } from 'vitest';
import { BUNDLE_VERSION, BundleError, decryptBundle, encryptBundle, generateKey, parseKey, type BundleFiles } from '../grading/release/bundle.ts';

const files: BundleFiles = {
  'solutions/01-rnn-forward/rnn-forward.ts': 'export const secret = "tanh(x·Wx + hPrev·Wh + b)";\n',
  'grader/hidden/01-rnn-forward.test.ts': 'graded("ü, ∑ and 🙂 survive", 1, async () => {});\n',
  'datasets/weights.bin': new Uint8Array([0, 1, 2, 255, 0, 128]),
};

function caught(run: () => unknown): BundleError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return error as BundleError;
  }
  throw new Error('expected a BundleError');
}

describe('bundle', () => {
  test('a round trip returns every file, text and bytes, unchanged', () => {
    const key = generateKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const opened = decryptBundle(encryptBundle(files, key), key);
    expect(Object.keys(opened).sort()).toEqual(Object.keys(files).sort());
    expect(opened['solutions/01-rnn-forward/rnn-forward.ts']).toBe(files['solutions/01-rnn-forward/rnn-forward.ts']);
    expect(opened['grader/hidden/01-rnn-forward.test.ts']).toBe(files['grader/hidden/01-rnn-forward.test.ts']);
    expect([...(opened['datasets/weights.bin'] as Uint8Array)]).toEqual([0, 1, 2, 255, 0, 128]);
  });

  test('the key may carry the whitespace of a pasted secret, in either case', () => {
    const key = generateKey();
    const bundle = encryptBundle(files, key);
    expect(Object.keys(decryptBundle(bundle, `  ${key.toUpperCase()}\n`))).toHaveLength(3);
  });

  test('holds no plaintext, has a versioned header, and differs on every encryption (random IV)', () => {
    const key = generateKey();
    const a = encryptBundle(files, key);
    const b = encryptBundle(files, key);
    expect(a.subarray(0, 8).toString('latin1')).toBe('SEQLABv\0');
    expect(a[8]).toBe(BUNDLE_VERSION);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('secret');
    expect(a.toString('latin1')).not.toContain('solutions/');
  });

  test('another key → a clear error naming the key, not the file', () => {
    const bundle = encryptBundle(files, generateKey());
    const error = caught(() => decryptBundle(bundle, generateKey(), 'grader/bundle.enc'));
    expect(error.reason).toBe('wrong-key');
    expect(error.message).toMatch(/grading key does not match grader\/bundle\.enc/);
  });

  test('a malformed key → says what a key looks like', () => {
    for (const bad of ['', 'abc', 'z'.repeat(64), `${generateKey()}00`]) {
      const error = caught(() => parseKey(bad));
      expect(error.reason).toBe('key-format');
      expect(error.message).toMatch(/64 hexadecimal characters/);
    }
  });

  test('one changed byte anywhere after the key id → "changed or damaged"', () => {
    const key = generateKey();
    const bundle = encryptBundle(files, key);
    // IV (17–28), tag (29–44), ciphertext: first, middle, last byte.
    for (const offset of [17, 28, 29, 44, 45, Math.floor(bundle.length / 2), bundle.length - 1]) {
      const damaged = Buffer.from(bundle);
      damaged[offset]! ^= 0x01;
      const error = caught(() => decryptBundle(damaged, key, 'grader/bundle.enc'));
      expect(error.reason, `offset ${offset}`).toBe('damaged');
      expect(error.message).toMatch(/grader\/bundle\.enc failed its authenticity check/);
    }
  });

  test('a truncated or foreign file, or another format version → clear errors', () => {
    const key = generateKey();
    const bundle = encryptBundle(files, key);
    expect(caught(() => decryptBundle(bundle.subarray(0, 30), key)).message).toMatch(/not a seqlab bundle/);
    expect(caught(() => decryptBundle(Buffer.from('{"files": {}}'.padEnd(80)), key)).reason).toBe('damaged');
    const newer = Buffer.from(bundle);
    newer[8] = BUNDLE_VERSION + 1;
    const error = caught(() => decryptBundle(newer, key));
    expect(error.reason).toBe('version');
    expect(error.message).toMatch(/format version 2/);
  });
});
