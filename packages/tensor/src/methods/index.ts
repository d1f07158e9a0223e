// Importing this module adds the common ops to Tensor as methods (`a.add(b)`).
import './elementwise.js';
import './reduction.js';
import './shape.js';
import './linalg.js';
import './conv.js';
import './random.js';
