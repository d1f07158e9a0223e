import { fileURLToPath } from 'node:url';

/**
 * Tests import workspace packages from their sources, so a test run needs no build and every package
 * shares one engine instance.
 */
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export const workspaceAliases = {
  '@neurite/tensor': src('tensor'),
  '@neurite/backend-cpu': src('backend-cpu'),
  '@neurite/backend-gpu': src('backend-gpu'),
  '@neurite/backend-wasm': src('backend-wasm'),
  '@neurite/regularizers': src('regularizers'),
  '@neurite/layers': src('layers'),
  '@neurite/keras': src('keras'),
  '@neurite/datasets': src('datasets'),
};

/**
 * Headless Chromium for the browser test runs (vitest browser mode with Playwright): Debian's `chromium`
 * (installed by scripts/setup.sh), never a Playwright download; CHROMIUM_PATH picks another build.
 */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without the networking flags Chromium floods the closed network with requests.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // window.gc(), for the memory suite's garbage-collection test (Node runs it with --expose-gc).
  '--js-flags=--expose-gc',
];

/** WebGPU on SwiftShader: these machines have no GPU. */
export const webgpuArgs = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader'];
