// Ops of the 'conv' family: each op validates its arguments and runs kernels through the engine.
export {};
