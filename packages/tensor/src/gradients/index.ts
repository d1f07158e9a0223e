// Importing this module registers the gradient of every differentiable kernel.
import './elementwise.js';
import './reduction.js';
import './shape.js';
import './linalg.js';
import './conv.js';
import './random.js';
