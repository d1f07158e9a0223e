/**
 * The control block the main thread and the workers share, at a fixed place in the WebAssembly memory.
 * Int32 slots, then float64 kernel arguments from ARGS_BYTE. Workers are numbered from 1 (the main
 * thread is thread 0 and runs its own share of every job).
 */
export const CONTROL = {
  /** Bumped once per job; workers wait on it. */
  GENERATION: 0,
  /** Workers that finished the current job. */
  DONE: 1,
  /** The kernel's index in the worker's list of kernel names. */
  FUNCTION: 2,
  ARG_COUNT: 3,
  /** Bit i set: worker i takes part in the current job. */
  PARTICIPANTS: 4,
  STOP: 5,
  /** Set by a worker whose kernel threw (a trap): the main thread reports it. */
  FAILED: 6,
  /** READY + i: worker i has started and waits for jobs. */
  READY: 8,
  /** RANGES + 2i, RANGES + 2i + 1: thread i's units [begin, end). */
  RANGES: 48,
  ARGS_BYTE: 512,
  MAX_ARGS: 48,
  /** Bytes the block takes. */
  BYTES: 1024,
  MAX_THREADS: 20,
} as const;
