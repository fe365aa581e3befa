/**
 * Packages the student docs offer for writing the exercises (the exercise READMEs and exercises/shared/linalg.ts
 * say "you may also use mathjs"): every release installs them, although no released file imports them. The
 * one list of those promises; grader/test/release-packages.test.ts checks that the docs name no other
 * package, and release.slow.test.ts imports each inside a built release.
 */
export const STUDENT_PACKAGES: readonly string[] = ['mathjs'];
