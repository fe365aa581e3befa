/**
 * The one list of demos, in the order `npm run demo` lists them. Each demo lives in its own module
 * `demos/<name>.ts` exporting `demo`.
 */
import type { Demo } from './demo.ts';

export const DEMOS: readonly Demo[] = [];

export function demoByName(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}
