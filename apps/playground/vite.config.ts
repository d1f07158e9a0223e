import { defineConfig } from 'vite';

// Cross-origin isolation lets the WebAssembly backend run on several threads (SharedArrayBuffer);
// the preview server (`pnpm playground`) and the dev server both send it.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  worker: { format: 'es' },
});
