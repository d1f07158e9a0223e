// Writes the MNIST digits the app loads (public/mnist/*.bin, 7.8 MB, not committed) from
// @neurite/datasets, unless they are there already.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mnistBytes } from '@neurite/datasets';

const dir = fileURLToPath(new URL('../public/mnist/', import.meta.url));
const files = { 'pixels.bin': 'pixels', 'labels.bin': 'labels' };
if (Object.keys(files).every((f) => existsSync(dir + f))) process.exit(0);
mkdirSync(dir, { recursive: true });
const bytes = mnistBytes();
for (const [file, key] of Object.entries(files)) {
  writeFileSync(`${dir}${file}.tmp`, bytes[key]);
  renameSync(`${dir}${file}.tmp`, dir + file);
}
console.log(`make-mnist: wrote ${bytes.labels.length} digits to public/mnist/`);
