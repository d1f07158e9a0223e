import { argumentError } from '@neurite/tensor';
import { gpuJs } from './gpujs.js';

/** The gpu.js modes this backend runs on. */
export const GPU_MODES = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'] as const;
export type GpuMode = (typeof GPU_MODES)[number];
export type GpuModeOption = GpuMode | 'auto';

/**
 * The order 'auto' tries modes in, fastest first. Measured with `pnpm bench` (matMul 512, conv2d and
 * dropout, see the package README): a GL mode backed by real graphics hardware beats WebAssembly by
 * far, but headless-gl on Mesa's software rasteriser (llvmpipe, the only GL on machines without a
 * GPU) is slower than gpu.js's WebAssembly SIMD code, so a software GL renderer is ranked below webasm.
 * WebGPU is asynchronous only (no `dataSync`), so 'auto' picks it only when asked to (`allowAsync`).
 */
export const AUTO_ORDER: readonly GpuMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];

/** Whether gpu.js can start `mode` here, and why not. */
export function probeMode(mode: GpuMode): { ok: boolean; reason: string } {
  const G = gpuJs.GPU;
  const inBrowser = 'window' in globalThis && 'document' in globalThis;
  switch (mode) {
    case 'cpu':
      return { ok: true, reason: '' };
    case 'webasm':
      return G.isWebAssemblySupported ? { ok: true, reason: '' } : { ok: false, reason: 'WebAssembly is not available' };
    case 'headlessgl':
      if (inBrowser) return { ok: false, reason: 'headlessgl runs in Node only' };
      return G.isHeadlessGLSupported
        ? { ok: true, reason: '' }
        : { ok: false, reason: "no headless GL context: the optional 'gl' package is not built, or there is no display (run under xvfb-run)" };
    case 'webgl':
      return G.isWebGLSupported ? { ok: true, reason: '' } : { ok: false, reason: 'WebGL is not available (browsers only)' };
    case 'webgl2':
      return G.isWebGL2Supported ? { ok: true, reason: '' } : { ok: false, reason: 'WebGL2 is not available (browsers only)' };
    case 'webgpu':
      return G.isWebGPUSupported ? { ok: true, reason: '' } : { ok: false, reason: 'navigator.gpu is not available' };
  }
}

/** Checks a mode name given by a user (an option or the NEURITE_GPU_MODE environment variable). */
export function checkMode(where: string, name: string, value: unknown): GpuModeOption {
  if (value === 'auto' || (GPU_MODES as readonly unknown[]).includes(value)) return value as GpuModeOption;
  throw argumentError(where, name, `one of 'auto', ${GPU_MODES.map((m) => `'${m}'`).join(', ')}`, value);
}
