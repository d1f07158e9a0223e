import { createGpuBackend, type GpuBackend } from '@neurite/backend-gpu';
import { WasmBackend, wasmFallbackReason } from '@neurite/backend-wasm';
import { backend, getBackend, registerBackend, setBackend } from 'neurite';
import type { BackendChoice } from '../state.js';

// The GPU backend's browser modes, by name; 'wasm' (the default, best first) and 'cpu' come with keras.
registerBackend('webgpu', () => createGpuBackend({ mode: 'webgpu', allowAsync: true }), 0);
registerBackend('webgl2', () => createGpuBackend({ mode: 'webgl2' }), 0);

/** Which backend runs, and why it is that one. */
export interface BackendStatus {
  /** The backend that runs: 'webgpu', 'webgl2', 'wasm' or 'cpu'. */
  name: string;
  /** How it runs (threads and SIMD for wasm, the gpu.js mode otherwise). */
  detail: string;
  /** Why the one asked for did not start, or why a faster one is not used; null when nothing to say. */
  reason: string | null;
}

function describe(): Omit<BackendStatus, 'reason'> {
  const name = getBackend();
  const b = backend();
  if (b instanceof WasmBackend) {
    const threads = (b.memory() as { threads?: number }).threads ?? 1;
    return { name, detail: `${threads} thread${threads === 1 ? '' : 's'}, ${b.simd === 'relaxed' ? 'relaxed SIMD' : 'SIMD128'}` };
  }
  if (name === 'webgpu' || name === 'webgl2') return { name, detail: `gpu.js ${(b as GpuBackend).mode}` };
  return { name, detail: 'TypeScript on the main thread' };
}

/**
 * Starts the chosen backend ('auto': Neurite's default, the fastest that starts). A backend that cannot
 * start falls back to the default, and the status says why.
 */
export async function useBackend(choice: BackendChoice): Promise<BackendStatus> {
  let reason: string | null = null;
  if (choice !== 'auto') {
    try {
      await setBackend(choice);
    } catch (e) {
      reason = `${choice} did not start: ${(e as Error).message}`;
    }
  }
  if (choice === 'auto' || reason) {
    await setBackend('wasm').catch(async (e: unknown) => {
      reason = [reason, `wasm did not start: ${wasmFallbackReason() ?? (e as Error).message}`].filter(Boolean).join('; ');
      await setBackend('cpu');
    });
  }
  const b = backend();
  if (!reason && b instanceof WasmBackend && b.threadsReason) reason = b.threadsReason;
  return { ...describe(), reason };
}
