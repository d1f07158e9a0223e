// Gradients of the 'random' kernels: none. RandomUniform, RandomNormal and TruncatedNormal take no tensor
// inputs, so nothing flows back through them; bernoulli and dropout are composites whose gradient comes
// from the ops they are made of (dropout's is the mask times the scale, through its mul).
export {};
