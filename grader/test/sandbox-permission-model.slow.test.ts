/**
 * The hostile corpus under the permission-model fallback (Node's permission model alone, for machines without
 * bubblewrap). Slow, so `npm run test:slow` runs it after `npm test`, which attacks bubblewrap.
 */
import { afterAll } from 'vitest';
import { describeHostileCorpus, removeSandboxFiles } from './sandbox-harness.ts';

afterAll(removeSandboxFiles);

describeHostileCorpus('permission-model');
