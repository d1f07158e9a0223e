import { CONTROL } from './control.js';

/**
 * The worker's whole program, as source text: Node runs it with `eval: true`, a browser from a Blob URL,
 * so no bundler has to find or copy a worker file. A worker instantiates the kernels on the shared
 * memory, warms its kernels up (assembly/warm-up.ts), marks itself ready, then loops: wait for a new generation, run its range of the job if it
 * takes part, count itself done. It spins briefly before sleeping, because training issues kernels
 * back to back and waking a sleeping thread costs tens of microseconds.
 */
export const WORKER_SOURCE = `"use strict";
const C = ${JSON.stringify(CONTROL)};
const SPIN = 20000;
const WARM_UP_MS = 60;
function start({ module, memory, control, index, names, warmUp }) {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  // run the kernels on small problems for a while, so that the engine has optimized this thread's code
  // (in the background, after the first runs) before it takes real work
  const until = Date.now() + WARM_UP_MS;
  do instance.exports.warm_up(warmUp);
  while (Date.now() < until);
  const kernels = names.map((name) => instance.exports[name]);
  const ctrl = new Int32Array(memory.buffer, control, C.ARGS_BYTE / 4);
  const args = new Float64Array(memory.buffer, control + C.ARGS_BYTE, C.MAX_ARGS);
  let seen = Atomics.load(ctrl, C.GENERATION);
  Atomics.store(ctrl, C.READY + index, 1);
  const call = [];
  for (;;) {
    let generation = Atomics.load(ctrl, C.GENERATION);
    for (let spin = 0; generation === seen && spin < SPIN; spin++) generation = Atomics.load(ctrl, C.GENERATION);
    while (generation === seen) {
      Atomics.wait(ctrl, C.GENERATION, seen);
      generation = Atomics.load(ctrl, C.GENERATION);
    }
    seen = generation;
    if (Atomics.load(ctrl, C.STOP)) return;
    if (((Atomics.load(ctrl, C.PARTICIPANTS) >>> index) & 1) === 0) continue;
    const count = ctrl[C.ARG_COUNT];
    call.length = 0;
    for (let i = 0; i < count; i++) call.push(args[i]);
    call.push(ctrl[C.RANGES + 2 * index], ctrl[C.RANGES + 2 * index + 1], index);
    try {
      kernels[ctrl[C.FUNCTION]](...call);
    } catch (e) {
      Atomics.store(ctrl, C.FAILED, 1);
    }
    Atomics.add(ctrl, C.DONE, 1);
    Atomics.notify(ctrl, C.DONE);
  }
}
if (typeof process === 'object' && process.versions && process.versions.node) {
  start(require('node:worker_threads').workerData);
} else {
  self.onmessage = (event) => start(event.data);
}
`;
