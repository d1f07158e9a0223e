// The one place that touches gpu.js's module shape. gpu.js is CommonJS; Node's ESM loader gives its
// exports as the default import.
import gpujs from 'gpu.js';

/** The parts of a gpu.js kernel run shortcut this backend uses. */
export interface GpuJsKernel {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): GpuJsKernel;
  destroy(removeCanvasReferences?: boolean): void;
  /** The kernel that really runs: gpu.js swaps in a CPU kernel when it degrades one. */
  kernel?: { constructor: { mode?: string }; fallbackReason?: string | null } | null;
}

export interface GpuJsInstance {
  readonly mode: string;
  createKernel(source: string, settings: Record<string, unknown>): GpuJsKernel;
  destroy(): void | Promise<void>;
}

/** A device-resident result: a GL texture, a WebGPU buffer handle; typed arrays in cpu/webasm modes. */
export interface GpuJsResident {
  toArray(): unknown;
  delete(): void;
}

interface GpuJsModule {
  GPU: {
    new (settings: { mode: string }): GpuJsInstance;
    readonly isHeadlessGLSupported: boolean;
    readonly isWebGLSupported: boolean;
    readonly isWebGL2Supported: boolean;
    readonly isWebGPUSupported: boolean;
    readonly isWebAssemblySupported: boolean;
    readonly isSinglePrecisionSupported: boolean;
    isWebGPUAvailable(): Promise<boolean>;
  };
}

export const gpuJs = gpujs as unknown as GpuJsModule;
