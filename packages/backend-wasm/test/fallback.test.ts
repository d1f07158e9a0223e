// Where WebAssembly SIMD cannot start, importing the package still leaves a working default: the CPU
// backend, with the reason available. (Simulated: this engine's WebAssembly.validate refuses SIMD here.)
import { afterAll, describe, expect, it, vi } from 'vitest';

const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
afterAll(() => validate.mockRestore());

describe('when WebAssembly SIMD cannot start', () => {
  it("falls back to the CPU backend and says why in wasmFallbackReason()", async () => {
    const { wasmFallbackReason } = await import('../src/index.js');
    const { getBackend, tensor } = await import('@neurite/tensor');
    expect(getBackend()).toBe('cpu');
    expect(Array.from(tensor([1, 2]).add(1).dataSync())).toEqual([2, 3]);
    expect(wasmFallbackReason()).toBe('wasm backend: this engine has no WebAssembly SIMD128');
  });
});
