// Tensor methods for the 'shape' ops (declaration merging plus prototype assignments).
export {};
