// `node --import` entry that registers only the tfjs-core hook (Vitest workers transpile TypeScript themselves).
import { register } from 'node:module';

register('./tfjs-core-esm.mjs', import.meta.url);
