import { loadMnistFromBytes, type MnistSplit } from '@neurite/datasets';
import { dispose, slice, tidy, type Tensor } from 'neurite';

let bytes: Promise<{ pixels: Uint8Array; labels: Uint8Array }> | null = null;

async function fetchBytes(file: string): Promise<Uint8Array> {
  const url = `${import.meta.env.BASE_URL}mnist/${file}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the MNIST digits (${url}: HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The 10,000 digits, fetched once (7.8 MB, served compressed), on first use of MNIST. */
function mnistBytes() {
  bytes ??= Promise.all([fetchBytes('pixels.bin'), fetchBytes('labels.bin')]).then(([pixels, labels]) => ({ pixels, labels }));
  bytes.catch(() => {
    bytes = null;
  });
  return bytes;
}

/** First n rows of a split. */
function firstRows(split: MnistSplit, n: number): MnistSplit {
  const rows = (t: Tensor) => slice(t, [0, ...t.shape.slice(1).map(() => 0)], [n, ...t.shape.slice(1)]);
  return { x: tidy(() => rows(split.x)), y: tidy(() => rows(split.y)), labels: split.labels.slice(0, n) };
}

/**
 * `size` digits (a seeded random subset of the 10,000, the same as @neurite/datasets' split for the
 * seed), `testFraction` of them for testing; images [n, 28, 28, 1] for the convnet, else [n, 784].
 */
export async function loadDigits(size: number, testFraction: number, seed: number, image: boolean): Promise<{ train: MnistSplit; test: MnistSplit }> {
  const all = await mnistBytes();
  const nTest = Math.max(1, Math.round(size * testFraction));
  const nTrain = Math.max(1, size - nTest);
  const { train, test } = loadMnistFromBytes(all, { trainSize: all.labels.length - nTest, seed, shape: image ? 'image' : 'flat' });
  const out = { train: firstRows(train, nTrain), test };
  dispose([train.x, train.y]);
  return out;
}
