// Tensor methods for the 'reduction' ops (declaration merging plus prototype assignments).
export {};
