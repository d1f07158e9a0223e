// Gradients of the 'conv' kernels, registered once for every backend.
export {};
