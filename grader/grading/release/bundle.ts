/**
 * The encrypted bundle of a student release: a set of files (path → text or bytes), gzip-compressed, then
 * encrypted and authenticated with AES-256-GCM from node:crypto. Nothing here is home-made cryptography:
 * a random 96-bit IV per bundle, the GCM tag over the ciphertext and the header, and a key id (HMAC-SHA256
 * of a fixed label under the key, first 8 bytes) that tells "another key" apart from "a damaged file".
 *
 *     offset  size  field
 *          0     8  magic "SEQLABv\0"
 *          8     1  format version (1)
 *          9     8  key id
 *         17    12  IV
 *         29    16  GCM tag
 *         45     …  ciphertext of gzip(JSON { files: { path: { text } | { base64 } } })
 *
 * Bytes 0–28 are the GCM additional authenticated data: changing the version, the key id or the IV fails
 * the authentication like a changed ciphertext byte does. The key is 32 random bytes, written as 64 hex
 * characters (the form of the SEQLAB_GRADER_KEY secret).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Path inside the release → content. Strings are UTF-8 text, byte arrays anything else. */
export type BundleFiles = Record<string, string | Uint8Array>;

export const BUNDLE_VERSION = 1;
const MAGIC = Buffer.from('SEQLABv\0', 'latin1');
const KEY_ID_LABEL = 'seqlab grader bundle key id';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + IV_BYTES; // the authenticated part before the tag
const CIPHERTEXT_OFFSET = HEADER_BYTES + TAG_BYTES;

/** Why a bundle could not be opened, in words for the student or teacher who sees it. */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    message: string,
    readonly reason: 'key-format' | 'wrong-key' | 'damaged' | 'version',
  ) {
    super(message);
  }
}

/** A fresh random 256-bit key as 64 lowercase hex characters. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('hex');
}

/** The key's bytes; whitespace around it (a pasted secret's newline) is ignored. */
export function parseKey(key: string): Buffer {
  const text = key.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    const shape = text.length === 64 ? '64 characters, not all hexadecimal' : `${text.length} characters`;
    throw new BundleError(`the grading key must be 64 hexadecimal characters (a 256-bit key); this one has ${shape}`, 'key-format');
  }
  return Buffer.from(text, 'hex');
}

function keyId(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KEY_ID_LABEL).digest().subarray(0, KEY_ID_BYTES);
}

function serialize(files: BundleFiles): Buffer {
  const entries: Record<string, { text: string } | { base64: string }> = {};
  for (const path of Object.keys(files).sort()) {
    const content = files[path]!;
    entries[path] = typeof content === 'string' ? { text: content } : { base64: Buffer.from(content).toString('base64') };
  }
  return gzipSync(Buffer.from(JSON.stringify({ files: entries })), { level: 9 });
}

function deserialize(compressed: Buffer): BundleFiles {
  const parsed = JSON.parse(gunzipSync(compressed).toString('utf8')) as { files: Record<string, { text?: string; base64?: string }> };
  const files: BundleFiles = {};
  for (const [path, entry] of Object.entries(parsed.files)) {
    files[path] = entry.text ?? new Uint8Array(Buffer.from(entry.base64 ?? '', 'base64'));
  }
  return files;
}

export function encryptBundle(files: BundleFiles, key: string): Buffer {
  const keyBytes = parseKey(key);
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([BUNDLE_VERSION]), keyId(keyBytes), iv]);
  const cipher = createCipheriv('aes-256-gcm', keyBytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(serialize(files)), cipher.final()]);
  return Buffer.concat([header, cipher.getAuthTag(), ciphertext]);
}

/**
 * Opens a bundle. Every failure is a BundleError saying which of these it is: a malformed key, another key
 * than the bundle's, a bundle from a newer format, or a damaged or altered file.
 */
export function decryptBundle(bundle: Uint8Array, key: string, name = 'the bundle'): BundleFiles {
  const keyBytes = parseKey(key);
  const data = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  if (data.length < CIPHERTEXT_OFFSET || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BundleError(`${name} is not a seqlab bundle (truncated, damaged or replaced)`, 'damaged');
  }
  const version = data[MAGIC.length]!;
  if (version !== BUNDLE_VERSION) {
    throw new BundleError(`${name} has format version ${version}; this grader reads version ${BUNDLE_VERSION} (rebuild the release with this grader)`, 'version');
  }
  const idStart = MAGIC.length + 1;
  if (!data.subarray(idStart, idStart + KEY_ID_BYTES).equals(keyId(keyBytes))) {
    throw new BundleError(`the grading key does not match ${name}: it was encrypted with another key (check SEQLAB_GRADER_KEY / --hidden-key)`, 'wrong-key');
  }
  const iv = data.subarray(idStart + KEY_ID_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyBytes, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(data.subarray(0, HEADER_BYTES));
  decipher.setAuthTag(data.subarray(HEADER_BYTES, CIPHERTEXT_OFFSET));
  let compressed: Buffer;
  try {
    compressed = Buffer.concat([decipher.update(data.subarray(CIPHERTEXT_OFFSET)), decipher.final()]);
  } catch {
    throw new BundleError(`${name} failed its authenticity check: the file was changed or damaged after the release was built`, 'damaged');
  }
  try {
    return deserialize(compressed);
  } catch (error) {
    // Authentic yet unreadable: a bug in the writer, not tampering; still no stack trace for the user.
    throw new BundleError(`${name} is authentic but could not be unpacked: ${(error as Error).message}`, 'damaged');
  }
}
