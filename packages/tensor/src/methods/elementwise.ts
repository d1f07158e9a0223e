// Tensor methods for the 'elementwise' ops (declaration merging plus prototype assignments).
export {};
