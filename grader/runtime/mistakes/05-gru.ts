/** 05-gru's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */
import type { Matrix, Vector } from '../shared/types.ts';
import { reorderBlocks } from '../diagnose.ts';

/** Weights as a student who unpacks the GRU gates r, z, h̃ (instead of z, r, h̃) reads them. */
export const gruGatesAsRZH = <T extends Matrix | Vector>(w: T): T => reorderBlocks(w, 3, [1, 0, 2]);
export const GRU_GATES_RZH =
  'Looks like the gates are unpacked in order r, z, h̃: your output equals the reference\'s with the z and r blocks swapped. ' +
  'The course packs z, r, h̃ (as Keras and TF.js).';
export const GRU_Z_SWAPPED =
  'Looks like z and 1 − z are swapped (the PyTorch convention): the course computes h = z ⊙ hPrev + (1 − z) ⊙ h̃, so z = 1 keeps the old state.';
