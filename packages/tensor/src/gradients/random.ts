// Gradients of the 'random' kernels, registered once for every backend.
export {};
