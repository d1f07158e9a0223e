// Tensor methods for the 'random' ops (declaration merging plus prototype assignments).
export {};
