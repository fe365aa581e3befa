/**
 * Plain-data types shared by every exercise. Shapes are written as [N][T][D] in doc comments:
 * N = batch, T = time steps, D = input features, H = hidden units, V = vocabulary size.
 */
export type Vector = number[];
/** Rows of numbers: `m[row][col]`. */
export type Matrix = number[][];
export type Tensor3 = number[][][];
export type Tensor4 = number[][][][];

/** Everything the RNN backward step needs, saved by `rnnStepForward`. */
export interface RnnStepCache {
  /** x: [N][D] */ x: Matrix;
  /** hPrev: [N][H] */ hPrev: Matrix;
  /** Wx: [D][H] */ Wx: Matrix;
  /** Wh: [H][H] */ Wh: Matrix;
  /** h = tanh(x·Wx + hPrev·Wh + b): [N][H] */ h: Matrix;
}

/** Everything BPTT needs, saved by `rnnForward`. */
export interface RnnCache {
  /** x: [N][T][D] */ x: Tensor3;
  /** h0: [N][H] */ h0: Matrix;
  /** Wx: [D][H] */ Wx: Matrix;
  /** Wh: [H][H] */ Wh: Matrix;
  /** Every hidden state h_1..h_T: [N][T][H] */ h: Tensor3;
}

/** Everything the LSTM backward step needs, saved by `lstmStepForward`. Gates are activations. */
export interface LstmStepCache {
  /** x: [N][D] */ x: Matrix;
  /** hPrev, cPrev: [N][H] */ hPrev: Matrix;
  cPrev: Matrix;
  /** Wx: [D][4H], Wh: [H][4H], gates packed i, f, g, o */ Wx: Matrix;
  Wh: Matrix;
  /** Input, forget, candidate and output gate activations: [N][H] each */ i: Matrix;
  f: Matrix;
  g: Matrix;
  o: Matrix;
  /** The new cell state c = f ⊙ cPrev + i ⊙ g: [N][H] */ c: Matrix;
}

/** Gradients of a recurrent layer with respect to its parameters. */
export interface ParamGrads {
  /** dWx: [D][H·gates] */ dWx: Matrix;
  /** dWh: [H][H·gates] */ dWh: Matrix;
  /** db: [H·gates] */ db: Vector;
}

/** Everything LSTM backpropagation through time needs, saved by `lstmForward`. */
export interface LstmCache {
  /** x: [N][T][D] */ x: Tensor3;
  /** h0: [N][H] (c0 is zeros) */ h0: Matrix;
  /** The step caches of t = 0..T−1, in order */ steps: LstmStepCache[];
}

/** A number or arrays of numbers nested to any depth: one gradient, whatever its shape. */
export type NestedNumbers = number | NestedNumbers[];

/** Gradients by name, e.g. `{ dWx, dWh, db }`: what the clipping functions take and return. */
export type GradientRecord = Record<string, NestedNumbers>;

/** What `rnnStepBackward` returns: the gradient of every input of `rnnStepForward`, in its shape. */
export type RnnStepGrads = {
  /** dx: [N][D] */ dx: Matrix;
  /** dhPrev: [N][H] */ dhPrev: Matrix;
  /** dWx: [D][H] */ dWx: Matrix;
  /** dWh: [H][H] */ dWh: Matrix;
  /** db: [H] */ db: Vector;
};

/** What `rnnBackward` returns: the gradient of every input of `rnnForward`, in its shape. */
export type RnnGrads = {
  /** dx: [N][T][D] */ dx: Tensor3;
  /** dh0: [N][H] */ dh0: Matrix;
  /** dWx: [D][H] */ dWx: Matrix;
  /** dWh: [H][H] */ dWh: Matrix;
  /** db: [H] */ db: Vector;
};

/** What `temporalSoftmaxLoss` returns: the loss and its gradient with respect to the logits. */
export type SoftmaxLossResult = {
  loss: number;
  /** dLogits: [N][T][V] */ dLogits: Tensor3;
};

/** Everything the GRU backward step needs, saved by `gruStepForward`. Gates are activations. */
export interface GruStepCache {
  /** x: [N][D] */ x: Matrix;
  /** hPrev: [N][H] */ hPrev: Matrix;
  /** Wx: [D][3H], Wh: [H][3H], gates packed z, r, h̃ */ Wx: Matrix;
  Wh: Matrix;
  /** Update and reset gate activations: [N][H] each */ z: Matrix;
  r: Matrix;
  /** The candidate h̃ = tanh(x·Wx_h + (r ⊙ hPrev)·Wh_h + b_h): [N][H] */ hTilde: Matrix;
  /** The new state h = z ⊙ hPrev + (1 − z) ⊙ h̃: [N][H] */ h: Matrix;
}

/** Everything GRU backpropagation through time needs, saved by `gruForward`. */
export interface GruCache {
  /** x: [N][T][D] */ x: Tensor3;
  /** h0: [N][H] */ h0: Matrix;
  /** The step caches of t = 0..T−1, in order */ steps: GruStepCache[];
}

/** The weights of one vanilla (tanh) RNN layer, as `rnnForward` of exercise 01 takes them. */
export interface RnnLayerParams {
  /** Wx: [D][H] (D is the layer's input size: the features for layer 0, the previous layer's H above) */ Wx: Matrix;
  /** Wh: [H][H] */ Wh: Matrix;
  /** b: [H] */ b: Vector;
}

/** Everything the layer-norm backward pass needs, saved by `layerNormForward` (statistics are per row). */
export interface LayerNormCache {
  /** x: [N][D] */ x: Matrix;
  /** gamma: [D] */ gamma: Vector;
  /** The ε added to the variance inside the square root */ eps: number;
  /** The mean of each row: [N] */ mean: Vector;
  /** 1 / √(var + ε) of each row, var the biased variance: [N] */ invStd: Vector;
  /** The normalized rows x̂ = (x − mean) · invStd: [N][D] */ xHat: Matrix;
}
