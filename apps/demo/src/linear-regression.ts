// A small example of the tensor API alone: fit y = 3x - 2 by gradient descent with `variableGrads`, and
// print the loss as it falls. Run it with `pnpm --filter @neurite/demo linear-regression`.
import { getBackend, memory, randomNormal, randomUniform, scalar, setSeed, tidy, variable, variableGrads, zeros } from 'neurite';

setSeed(42);
const TRUE_W = 3;
const TRUE_B = -2;
const SAMPLES = 256;
const STEPS = 200;
const LEARNING_RATE = 0.1;

const x = randomUniform([SAMPLES, 1], { min: -1, max: 1, seed: 1 });
const noise = randomNormal([SAMPLES, 1], { stddev: 0.05, seed: 2 });
const y = tidy(() => x.mul(TRUE_W).add(TRUE_B).add(noise));

const w = variable(zeros([1, 1]), { name: 'w' });
const b = variable(zeros([1]), { name: 'b' });
const lr = scalar(LEARNING_RATE);

const meanSquaredError = () => x.matMul(w).add(b).sub(y).square().mean();

console.log(`Neurite linear regression on the '${getBackend()}' backend: ${SAMPLES} samples, y = ${TRUE_W}x + (${TRUE_B}) + noise`);
const started = performance.now();
for (let step = 0; step <= STEPS; step++) {
  const loss = tidy(() => {
    const { value, grads } = variableGrads(meanSquaredError, [w, b]);
    w.assign(w.sub(grads.w.mul(lr)));
    b.assign(b.sub(grads.b.mul(lr)));
    return value;
  });
  if (step % 20 === 0) console.log(`step ${String(step).padStart(3)}  loss ${loss.dataSync()[0].toFixed(6)}`);
  loss.dispose();
}
const elapsed = performance.now() - started;
console.log(`learned w = ${w.dataSync()[0].toFixed(4)} (true ${TRUE_W}), b = ${b.dataSync()[0].toFixed(4)} (true ${TRUE_B})`);
console.log(`${STEPS} steps in ${elapsed.toFixed(0)} ms; live tensors at the end: ${memory().numTensors}`);
