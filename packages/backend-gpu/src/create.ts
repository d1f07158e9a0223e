import { NeuriteError, argumentError, readOptionsObject } from '@neurite/tensor';
import { GpuBackend } from './backend.js';
import { gpuJs } from './gpujs.js';
import { AUTO_ORDER, checkMode, probeMode, type GpuMode, type GpuModeOption } from './modes.js';

export interface GpuBackendOptions {
  /**
   * The gpu.js mode. Default: the `NEURITE_GPU_MODE` environment variable in Node, else 'auto'. An
   * explicit mode that cannot start here is an error; 'auto' takes the fastest mode that starts and says
   * in `fallbackReason` why the faster ones did not.
   */
  mode?: GpuModeOption;
  /** Lets 'auto' pick WebGPU, whose results can only be read with `await data()`. Default false. */
  allowAsync?: boolean;
}

/** Creates a GPU backend; register it with `registerBackend(name, () => createGpuBackend(options))`. */
export function createGpuBackend(given: GpuBackendOptions = {}): GpuBackend {
  const options = readOptionsObject('createGpuBackend', given, ['mode', 'allowAsync']);
  if (options.allowAsync !== undefined && typeof options.allowAsync !== 'boolean') {
    throw argumentError('createGpuBackend', 'allowAsync', 'a boolean', options.allowAsync);
  }
  const requested = options.mode ?? modeFromEnvironment() ?? 'auto';
  checkMode('createGpuBackend', 'mode', requested);
  if (requested !== 'auto') {
    const probe = probeMode(requested);
    if (!probe.ok) throw new NeuriteError(`createGpuBackend: mode '${requested}' cannot start here: ${probe.reason}`);
    return start(requested, null);
  }
  const skipped: string[] = [];
  for (const mode of AUTO_ORDER) {
    if (mode === 'webgpu' && !options.allowAsync) continue;
    const probe = probeMode(mode);
    if (!probe.ok) {
      skipped.push(`${mode}: ${probe.reason}`);
      continue;
    }
    const software = mode === 'headlessgl' || mode === 'webgl' || mode === 'webgl2' ? softwareRenderer(mode) : null;
    if (software) {
      skipped.push(`${mode}: ${software}, which measures slower than webasm (pnpm bench)`);
      continue;
    }
    return start(mode, skipped.length ? skipped.join('; ') : null);
  }
  throw new NeuriteError(`createGpuBackend: no gpu.js mode can start here (${skipped.join('; ')})`);
}

function start(mode: GpuMode, fallbackReason: string | null): GpuBackend {
  const gpu = new gpuJs.GPU({ mode });
  if (gpu.mode !== mode) throw new NeuriteError(`createGpuBackend: gpu.js started '${gpu.mode}' when '${mode}' was asked for`);
  return new GpuBackend(gpu, { mode, fallbackReason });
}

function modeFromEnvironment(): GpuModeOption | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.NEURITE_GPU_MODE;
  if (value == null || value === '') return undefined;
  return checkMode('createGpuBackend', 'NEURITE_GPU_MODE', value);
}

/** The renderer's name when a GL mode would run on a software rasteriser (llvmpipe, SwiftShader), else null. */
function softwareRenderer(mode: GpuMode): string | null {
  if (mode === 'headlessgl') return nodeGlRenderer();
  const renderer = glRendererName(mode);
  if (renderer && /llvmpipe|softpipe|swiftshader|software/i.test(renderer)) return `renderer is '${renderer}' (software)`;
  return null;
}

function glRendererName(mode: GpuMode): string | null {
  try {
    type Gl = { getParameter(p: number): unknown; getExtension(n: string): { UNMASKED_RENDERER_WEBGL: number } | null };
    const doc = (globalThis as { document?: { createElement(tag: string): { getContext(kind: string): unknown } } }).document;
    if (!doc) return null;
    const gl = doc.createElement('canvas').getContext(mode === 'webgl2' ? 'webgl2' : 'webgl') as Gl | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : 0x1f01));
  } catch {
    return null;
  }
}

/**
 * Node: headless-gl does not name its renderer (it says 'ANGLE stack-gl'), so the rule is about the
 * machine: without a GPU device node (/dev/dri/renderD*, /dev/nvidia*), GL can only run on Mesa's
 * software rasteriser.
 */
function nodeGlRenderer(): string | null {
  const fs = (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process?.getBuiltinModule?.('fs') as
    | { readdirSync(path: string): string[] }
    | undefined;
  if (!fs) return null;
  const list = (dir: string) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  };
  const gpuNodes = [...list('/dev/dri').filter((n) => n.startsWith('renderD')), ...list('/dev').filter((n) => /^nvidia\d+$/.test(n))];
  return gpuNodes.length > 0 ? null : 'software GL (no GPU device in /dev/dri or /dev/nvidia*)';
}
