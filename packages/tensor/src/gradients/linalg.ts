// Gradients of the 'linalg' kernels, registered once for every backend.
export {};
