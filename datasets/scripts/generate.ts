/**
 * `npm run datasets`: writes every generated or copied dataset file (datasets/build/) and updates their
 * checksums in datasets/checksums.json. Deterministic: a second run changes nothing. A dataset whose build needs a
 * program (spoken-digits: espeak-ng) that is missing or of another version is skipped, saying so. The copies read stdlib's
 * packages (devDependencies), so this runs in the course repository, not in a student release.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILDERS } from '../build/index.ts';
import { CHECKSUMS_FILE, committedChecksums, DATASETS_DIR, sha256 } from '../load/read.ts';

const checksums = committedChecksums();
for (const builder of BUILDERS) {
  const unavailable = builder.tool?.unavailable();
  if (unavailable) {
    console.log(`${builder.name}: skipped, ${unavailable}; the committed files and checksum are kept`);
    continue;
  }
  const files = builder.build();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(DATASETS_DIR, path)), { recursive: true });
    writeFileSync(join(DATASETS_DIR, path), content);
  }
  checksums[builder.dataFile] = sha256(files[builder.dataFile]!);
  console.log(`${builder.name}: ${Object.keys(files).join(', ')}  sha256 ${checksums[builder.dataFile]}`);
}
const sorted = Object.fromEntries(Object.entries(checksums).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(DATASETS_DIR, CHECKSUMS_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`wrote datasets/${CHECKSUMS_FILE}`);
