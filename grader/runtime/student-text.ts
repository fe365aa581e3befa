/**
 * Text that came from student code (error messages, keys of returned objects), made safe for every place a
 * report shows it: the terminal, the Markdown job summary, the HTML gradebook, JUnit XML, annotations.
 */

// Terminal escape sequences: CSI (colours, clearing the screen) and OSC (OSC-8 links, window titles).
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// Every other control character but tab and newline, and the bidirectional overrides that make a reader
// see text in another order than it is stored.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without escapes and control characters, at most `max` characters (then says how many more). */
export function studentText(text: string, max: number): string {
  const clean = String(text).replace(ESCAPES, '').replace(CONTROLS, '');
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}
