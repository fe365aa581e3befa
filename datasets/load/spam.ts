/** Subject lines of the SpamAssassin public corpus, half spam, half ham (picked by `npm run datasets`). */
import { join } from 'node:path';
import { DATASETS_DIR, expectFormat, readDataFile, REGENERATE, tsvRows } from './read.ts';

export const SPAM_FILE = 'spam/subjects.tsv';

export interface LabelledSubject {
  /** One line of printable ASCII, trimmed, non-empty. */
  text: string;
  label: 'spam' | 'ham';
}

export function loadSpamSubjects(dir: string = DATASETS_DIR): LabelledSubject[] {
  const path = join(dir, SPAM_FILE);
  return tsvRows(path, readDataFile(dir, SPAM_FILE, REGENERATE), ['label', 'text']).map(([label, text], i) => {
    expectFormat(label === 'spam' || label === 'ham', path, i + 2, `the label must be 'spam' or 'ham', got '${label}'`);
    expectFormat(/^[\x21-\x7e]( ?[\x21-\x7e])*$/.test(text!), path, i + 2, `a subject is one trimmed line of printable ASCII, got '${text}'`);
    return { text: text!, label: label as 'spam' | 'ham' };
  });
}
