// Tensor methods for the 'linalg' ops (declaration merging plus prototype assignments).
export {};
