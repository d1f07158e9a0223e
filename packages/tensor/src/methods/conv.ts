// Tensor methods for the 'conv' ops (declaration merging plus prototype assignments).
export {};
