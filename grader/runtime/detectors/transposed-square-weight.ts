/**
 * A square weight used transposed: x·Wᵀ where x·W is meant. The shapes cannot tell (W is [D][D]), so the
 * suite names the product the value contains; the answer must equal the expected one with input·(Wᵀ − W)
 * added to the (pre-activation) value.
 */
import type { Detector } from '../diagnose.ts';
import { ACTIVATIONS, explains, sameShape, shapeAndValues, significant } from './flat.ts';

export const transposedSquareWeight: Detector = {
  name: 'square weight transposed',
  sameShape: true,
  detect(c) {
    const product = c.context.weightProduct;
    const input = product && shapeAndValues(product.input);
    const weight = product && shapeAndValues(product.weight);
    if (!product || !input || !weight || weight.shape.length !== 2 || weight.shape[0] !== weight.shape[1]) return undefined;
    const D = weight.shape[0]!;
    if (!sameShape(input.shape, c.shape) || c.shape[c.shape.length - 1] !== D) return undefined;
    const W = (r: number, col: number) => weight.values[r * D + col]!;
    // delta[row][j] = Σ_k input[row][k] · (W[j][k] − W[k][j])
    const delta = input.values.map((_, i) => {
      const row = i - (i % D);
      const j = i % D;
      let sum = 0;
      for (let k = 0; k < D; k++) sum += input.values[row + k]! * (W(j, k) - W(k, j));
      return sum;
    });
    if (significant(delta, c.tolerance) === 0) return undefined; // a symmetric W: transposing changes nothing
    const name = c.context.activation;
    const activation = name ? ACTIVATIONS[name] : undefined;
    if (activation && !activation.inverse) return undefined;
    const candidate = activation
      ? c.expected.map((e, i) => activation.f(activation.inverse!(e) + delta[i]!))
      : c.expected.map((e, i) => e + delta[i]!);
    if (!candidate.every(Number.isFinite) || !explains(c, candidate)) return undefined;
    return `Looks like ${product.name} is used transposed: your values are those of ${product.name}ᵀ. ${product.name} is square, so the shapes cannot tell; with row vectors the product is ${product.inputName}·${product.name}, ${product.name} as given.`;
  },
};
