import { dispose, monteCarloPredict, slice, tensor, tidy, type Sequential, type Tensor } from 'neurite';
import { CLASS0, CLASS1 } from './colors.js';

/** The square the 2-D maps show: [-EXTENT, EXTENT]². */
export const EXTENT = 1.5;

/** The centres of a res x res grid over the map, row by row from the top, as (x, y) pairs. */
export function gridPoints(res: number): Float32Array {
  const out = new Float32Array(2 * res * res);
  for (let row = 0; row < res; row++) {
    for (let col = 0; col < res; col++) {
      const i = row * res + col;
      out[2 * i] = -EXTENT + ((col + 0.5) / res) * 2 * EXTENT;
      out[2 * i + 1] = EXTENT - ((row + 0.5) / res) * 2 * EXTENT;
    }
  }
  return out;
}

/** RGBA pixels of a probability map: the class colours, pale where the model is unsure (p near 0.5). */
export function probabilityPixels(p1: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(4 * p1.length);
  for (let i = 0; i < p1.length; i++) {
    const p = Math.min(1, Math.max(0, p1[i]));
    const colour = p >= 0.5 ? CLASS1 : CLASS0;
    const strength = Math.abs(p - 0.5) * 2; // 0 on the boundary, 1 when sure
    for (let c = 0; c < 3; c++) out[4 * i + c] = 255 - (255 - colour[c]) * (0.25 + 0.6 * strength);
    out[4 * i + 3] = 255;
  }
  return out;
}

/** RGBA pixels of an uncertainty map: white where Monte-Carlo runs agree, dark violet at std 0.5. */
export function uncertaintyPixels(std: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(4 * std.length);
  for (let i = 0; i < std.length; i++) {
    const s = Math.min(1, Math.max(0, std[i] / 0.5));
    out[4 * i] = 255 - 175 * s;
    out[4 * i + 1] = 255 - 215 * s;
    out[4 * i + 2] = 255 - 95 * s;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** Whether a canvas shows anything but one colour (the tests' "non-blank" check uses the same idea). */
export function isBlank(pixels: Uint8ClampedArray): boolean {
  for (let i = 4; i < pixels.length; i += 4) {
    if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2]) return false;
  }
  return true;
}

/** Draws a res x res map scaled to the canvas, with the points on top (train filled, test hollow). */
export function drawMap(canvas: HTMLCanvasElement, pixels: Uint8ClampedArray, res: number, points?: { train: Float32Array; trainLabels: Int32Array; test: Float32Array; testLabels: Int32Array }): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = new ImageData(new Uint8ClampedArray(pixels), res, res);
  const small = document.createElement('canvas');
  small.width = res;
  small.height = res;
  small.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  if (!points) return;
  const toPx = (x: number, y: number): [number, number] => [((x + EXTENT) / (2 * EXTENT)) * canvas.width, ((EXTENT - y) / (2 * EXTENT)) * canvas.height];
  const dot = (set: Float32Array, labels: Int32Array, filled: boolean) => {
    for (let i = 0; i < labels.length; i++) {
      const [px, py] = toPx(set[2 * i], set[2 * i + 1]);
      const [r, g, b] = labels[i] === 1 ? CLASS1 : CLASS0;
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.strokeStyle = 'white';
      ctx.lineWidth = 1;
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      if (filled) ctx.fill();
      else {
        ctx.strokeStyle = `rgb(${r},${g},${b})`;
        ctx.lineWidth = 1.5;
      }
      ctx.stroke();
    }
  };
  dot(points.train, points.trainLabels, true);
  dot(points.test, points.testLabels, false);
}

/** p(class 1) of a model over the grid. */
export async function predictGrid(model: Sequential, grid: Tensor): Promise<Float32Array> {
  const p = tidy(() => slice(model.predict(grid, { batchSize: 4096 }) as Tensor, [0, 1], [-1, 1]));
  const values = (await p.data()) as Float32Array;
  p.dispose();
  return values;
}

/**
 * Monte-Carlo dropout over the grid: `runs` predictions with the noise layers on; the mean and standard
 * deviation of p(class 1) at each point.
 */
export async function monteCarloGrid(model: Sequential, grid: Tensor, runs: number): Promise<{ mean: Float32Array; std: Float32Array }> {
  const { mean, std } = monteCarloPredict(({ training }) => tidy(() => slice(model.apply(grid, { training }) as Tensor, [0, 1], [-1, 1])), runs);
  const [m, s] = await Promise.all([mean.data(), std.data()]);
  dispose([mean, std]);
  return { mean: m as Float32Array, std: s as Float32Array };
}

/** The grid as a tensor, for the predictions. */
export function gridTensor(res: number): Tensor {
  return tensor(gridPoints(res), [res * res, 2]);
}
