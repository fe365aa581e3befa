// `node --import ./grader/runtime/loader/register.mjs script.ts` runs our TypeScript scripts with tsx's ESM loader
// (esbuild, no type checking: `npm run typecheck` does that) and the tfjs-core hook. The hook is registered
// last so that it runs first: it decides the format of tfjs-core's ES-module files before tsx sees them.
// tsx replaced ts-node, which prints "[DEP0180] DeprecationWarning: fs.Stats constructor is deprecated" on
// every start under Node 22 and 24 (measured with Node 24.x) and is no longer maintained.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./tfjs-core-esm.mjs', import.meta.url);
