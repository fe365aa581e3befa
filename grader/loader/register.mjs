// `node --import ./grader/loader/register.mjs script.ts` runs our TypeScript scripts with ts-node's ESM
// loader (transpile-only, settings in tsconfig.json) and the tfjs-core hook. The hook is registered last
// so that it runs first: ts-node would otherwise classify tfjs-core's ES-module files as CommonJS.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('ts-node/esm', pathToFileURL('./'));
register('./tfjs-core-esm.mjs', import.meta.url);
