import { NeuriteError } from '@neurite/tensor';
import { CONTROL } from './control.js';
import { WORKER_SOURCE } from './worker-source.js';

/** The kernel exports a job may run, by name; workers get the same list, so an index names a kernel. */
export type KernelFunction = (...args: number[]) => void;

interface WorkerHandle {
  terminate(): unknown;
}

/** How the host starts a worker on the kernels' source; null where this host has no workers. */
type WorkerStarter = (data: WorkerData) => WorkerHandle;

interface WorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  index: number;
  names: string[];
  /** A scratch area the workers' warm-up runs in (results are thrown away, so they may share it). */
  warmUp: number;
}

/** Node's worker_threads, reached without an import statement that a browser bundler would follow. */
function nodeWorkerStarter(): WorkerStarter | null {
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node) return null;
  const threads = proc.getBuiltinModule?.('node:worker_threads') as
    | { Worker: new (source: string, options: object) => WorkerHandle & { unref(): void } }
    | undefined;
  if (!threads) throw new Error('this Node has no process.getBuiltinModule (Node >= 20.16 has)');
  return (workerData) => {
    const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.unref(); // an idle pool must not keep the process alive
    return worker;
  };
}

function browserWorkerStarter(): WorkerStarter | null {
  const g = globalThis as { Worker?: new (url: string) => WorkerHandle & { postMessage(d: unknown): void }; Blob?: typeof Blob; URL?: typeof URL };
  if (!g.Worker || !g.Blob || !g.URL?.createObjectURL) return null;
  const url = g.URL.createObjectURL(new g.Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return (data) => {
    const worker = new g.Worker!(url);
    worker.postMessage(data);
    return worker;
  };
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not; it spins instead). */
function canBlock(ctrl: Int32Array): boolean {
  try {
    Atomics.wait(ctrl, CONTROL.STOP, 12345, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pool of workers that run kernels on the shared memory alongside the calling thread. A job is one
 * kernel over `units` units of work: each participating thread calls the kernel with its own range
 * [begin, end) and its index, the calling thread taking the first range, and `run` returns when all
 * are done. Workers start in the background; a job uses those that are ready, so results never wait
 * for a worker to start (and never depend on how many took part: kernels split work so that).
 */
export class ThreadPool {
  private readonly workers: WorkerHandle[] = [];
  private readonly ctrl: Int32Array;
  private readonly args: Float64Array;
  private readonly blocking: boolean;
  private readonly indexOf = new Map<string, number>();
  private disposed = false;
  /** Jobs split between this thread and at least one worker so far. */
  splitJobs = 0;

  private constructor(
    memory: WebAssembly.Memory, private readonly control: number, readonly threads: number,
    private readonly local: readonly KernelFunction[],
  ) {
    this.ctrl = new Int32Array(memory.buffer, control, CONTROL.ARGS_BYTE / 4);
    this.args = new Float64Array(memory.buffer, control + CONTROL.ARGS_BYTE, CONTROL.MAX_ARGS);
    this.blocking = canBlock(this.ctrl);
  }

  /**
   * Starts `threads - 1` workers on `module` (instantiated on `memory`, which must be shared). Throws
   * where this host cannot start workers; the caller then runs on one thread and says why.
   */
  static start(
    module: WebAssembly.Module, memory: WebAssembly.Memory, control: number, threads: number,
    names: readonly string[], local: readonly KernelFunction[], warmUp: number,
  ): ThreadPool {
    const starter = nodeWorkerStarter() ?? browserWorkerStarter();
    if (!starter) throw new Error('this host has no workers (neither worker_threads nor Web Workers)');
    const pool = new ThreadPool(memory, control, threads, local);
    names.forEach((n, i) => pool.indexOf.set(n, i));
    new Int32Array(memory.buffer, control, CONTROL.BYTES / 4).fill(0);
    try {
      for (let index = 1; index < threads; index++) {
        pool.workers.push(starter({ module, memory, control, index, names: [...names], warmUp }));
      }
    } catch (e) {
      pool.dispose();
      throw e;
    }
    return pool;
  }

  /** Workers that have started and take jobs (they come up asynchronously after `start`). */
  get readyWorkers(): number {
    let n = 0;
    for (let i = 1; i < this.threads; i++) n += Atomics.load(this.ctrl, CONTROL.READY + i);
    return n;
  }

  /** Waits (asynchronously) until every worker has started, or `timeoutMs` passed; resolves to the count. */
  async whenReady(timeoutMs = 10_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    while (this.readyWorkers < this.threads - 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    return this.readyWorkers;
  }

  /**
   * Runs kernel `name` over `units` units, split in contiguous ranges between the calling thread and at
   * most `maxThreads - 1` ready workers. The kernel is called as name(...args, begin, end, threadIndex).
   */
  run(name: string, args: readonly number[], units: number, maxThreads = this.threads): void {
    const fn = this.indexOf.get(name);
    if (fn === undefined) throw new NeuriteError(`wasm thread pool: unknown kernel '${name}'`);
    const ctrl = this.ctrl;
    const helpers: number[] = [];
    const wanted = Math.min(maxThreads, units) - 1;
    for (let i = 1; i < this.threads && helpers.length < wanted; i++) {
      if (Atomics.load(ctrl, CONTROL.READY + i)) helpers.push(i);
    }
    if (helpers.length === 0 || this.disposed) {
      this.local[fn](...args, 0, units, 0);
      return;
    }
    if (args.length > CONTROL.MAX_ARGS) throw new NeuriteError(`wasm thread pool: ${args.length} arguments, at most ${CONTROL.MAX_ARGS}`);
    this.splitJobs++;
    for (let i = 0; i < args.length; i++) this.args[i] = args[i];
    const parts = helpers.length + 1;
    let mask = 0;
    let begin = Math.round(units / parts);
    const mainEnd = begin;
    helpers.forEach((w, j) => {
      const end = Math.round((units * (j + 2)) / parts);
      ctrl[CONTROL.RANGES + 2 * w] = begin;
      ctrl[CONTROL.RANGES + 2 * w + 1] = end;
      begin = end;
      mask |= 1 << w;
    });
    ctrl[CONTROL.FUNCTION] = fn;
    ctrl[CONTROL.ARG_COUNT] = args.length;
    ctrl[CONTROL.PARTICIPANTS] = mask;
    Atomics.store(ctrl, CONTROL.DONE, 0);
    Atomics.add(ctrl, CONTROL.GENERATION, 1);
    Atomics.notify(ctrl, CONTROL.GENERATION);
    let failure: unknown = null;
    try {
      this.local[fn](...args, 0, mainEnd, 0);
    } catch (e) {
      failure = e;
    }
    this.waitFor(helpers.length);
    if (failure) throw failure;
    if (Atomics.exchange(ctrl, CONTROL.FAILED, 0)) throw new NeuriteError(`wasm backend: kernel '${name}' failed on a worker thread`);
  }

  private waitFor(count: number): void {
    const ctrl = this.ctrl;
    for (let spin = 0; spin < 1_000_000; spin++) if (Atomics.load(ctrl, CONTROL.DONE) >= count) return;
    for (;;) {
      const done = Atomics.load(ctrl, CONTROL.DONE);
      if (done >= count) return;
      if (this.blocking) Atomics.wait(ctrl, CONTROL.DONE, done, 50);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.ctrl, CONTROL.STOP, 1);
    Atomics.add(this.ctrl, CONTROL.GENERATION, 1);
    Atomics.notify(this.ctrl, CONTROL.GENERATION);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }
}
