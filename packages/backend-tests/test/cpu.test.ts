import '@neurite/backend-cpu';
import { runConformance } from '../src/index.js';

// The CPU backend computes in float32 like every backend; references are exact, so the tolerance only
// covers float32 rounding.
runConformance({ name: 'cpu', rtol: 1e-5, atol: 1e-6, syncReads: true });
