// Node module hook: lets plain Node load tfjs-core's ES-module files.
//
// tfjs-core registers its gradients only from `dist/register_all_gradients.js`, an ES module whose
// imports have no file extension ('./gradients/Add_grad') inside a package that does not declare
// "type": "module". Node refuses both. Vitest inlines such files itself, but our scripts (grader CLI,
// fixture generator) and the Vitest workers are faster when Node loads them natively, so this hook adds
// the extension and marks those files as ES modules. Everything else passes through untouched.
// Both copies of tfjs-core share one engine and one gradient registry: tfjs keeps them on globalThis.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CORE_DIST = '/@tensorflow/tfjs-core/dist/';
const CJS_BUNDLE = 'tf-core.node.js';

export async function resolve(specifier, context, nextResolve) {
  // Vite resolves '@tensorflow/tfjs-core' to its "module" entry, whose platform file calls require():
  // send it to the CommonJS bundle that Node itself would pick, so there is one copy of the engine.
  if (specifier.endsWith(`${CORE_DIST}index.js`) && !context.parentURL?.includes(CORE_DIST)) {
    const entry = specifier.startsWith('file:') ? new URL(specifier) : pathToFileURL(specifier);
    return { url: new URL(CJS_BUNDLE, entry).href, format: 'commonjs', shortCircuit: true };
  }
  const fromCore = context.parentURL?.includes(CORE_DIST) && !context.parentURL.endsWith(CJS_BUNDLE);
  if (fromCore && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    const asFile = new URL(`${specifier}.js`, context.parentURL);
    const url = existsSync(fileURLToPath(asFile)) ? asFile : new URL(`${specifier}/index.js`, context.parentURL);
    return { url: url.href, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url.includes(CORE_DIST) && !url.endsWith(CJS_BUNDLE)) {
    return nextLoad(url, { ...context, format: 'module' });
  }
  return nextLoad(url, context);
}
