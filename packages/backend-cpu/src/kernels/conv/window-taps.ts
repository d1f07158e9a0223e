import type { Conv2DInfo } from '@neurite/tensor';

/**
 * The window walk that every direct conv and pool kernel (and im2col) shares: for one output pixel,
 * the filter taps that land inside the input. Listing them once per output pixel keeps the stride,
 * dilation, padding and bounds arithmetic in one place, while each kernel keeps its own channel loop
 * as a plain loop over typed arrays (no call or closure per tap or per element).
 *
 * After `gather(p)` for output pixel p = (n * outHeight + oy) * outWidth + ox returns `count`, the
 * first `count` entries (in window order: fy, then fx) hold each in-bounds tap's filter position
 * `tap` = fy * filterWidth + fx and its input pixel's NHWC offset less `origin`, so that pixel's
 * channels are x[origin + offset + c].
 *
 * Offsets are relative because they then depend only on which taps are in bounds, not on the pixel:
 * the list is rebuilt only when that changes (near the borders), so an interior pixel costs a few
 * loads and an add. (The origin, the offset of the window's top-left tap, may lie outside x.)
 */
export class WindowTaps {
  /** Output pixels (batch * outHeight * outWidth): the range of `gather`'s argument. */
  readonly pixels: number;
  /** Filter positions in a whole window (filterHeight * filterWidth): `count` when no tap is padding. */
  readonly size: number;
  /** Per listed tap: its filter position fy * filterWidth + fx. */
  readonly tap: Int32Array;
  /** Per listed tap: the NHWC offset in x of the input pixel under it, less `origin`. */
  readonly offset: Int32Array;
  /** Set by `gather`: the offset in x that the listed taps' offsets are relative to. */
  origin = 0;

  private readonly info: Conv2DInfo;
  // The in-bounds filter rows of output row oy are fy in [fyFrom[oy], fyTo[oy]) (a range, since iy
  // grows with fy); likewise the columns. Tabulated once, they leave no bounds test per tap.
  private readonly fyFrom: Int32Array;
  private readonly fyTo: Int32Array;
  private readonly fxFrom: Int32Array;
  private readonly fxTo: Int32Array;
  /** The offset in x of column ox * strideWidth - pad.left, relative to its row. */
  private readonly colOrigin: Int32Array;
  // The position of pixel `next`, which kernels ask for next as they walk pixels in order: stepping
  // it along saves decoding p afresh (integer divisions) for every pixel.
  private next = 0;
  private n = 0;
  private oy = 0;
  private ox = 0;
  /** The offset in x of row oy * strideHeight - pad.top of image n (at column 0). */
  private rowOrigin = 0;
  // The column range the current list was built for, in the current row (-1: stale), and its length.
  private listFx0 = -1;
  private listFx1 = -1;
  private count = 0;

  constructor(info: Conv2DInfo) {
    const { inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideWidth, pad } = info;
    this.info = info;
    this.pixels = info.batchSize * outHeight * outWidth;
    this.size = filterHeight * filterWidth;
    this.tap = new Int32Array(this.size);
    this.offset = new Int32Array(this.size);
    [this.fyFrom, this.fyTo] = inBoundsRanges(outHeight, filterHeight, info.strideHeight, info.dilationHeight, pad.top, inHeight);
    [this.fxFrom, this.fxTo] = inBoundsRanges(outWidth, filterWidth, strideWidth, info.dilationWidth, pad.left, inWidth);
    this.colOrigin = new Int32Array(outWidth);
    for (let ox = 0; ox < outWidth; ox++) this.colOrigin[ox] = (ox * strideWidth - pad.left) * inChannels;
    this.atRow();
  }

  /** Lists the in-bounds taps of output pixel p and sets `origin`; returns how many there are (0 when all are padding). */
  gather(p: number): number {
    if (p !== this.next) this.seek(p);
    const ox = this.ox;
    const fx0 = this.fxFrom[ox], fx1 = this.fxTo[ox];
    if (fx0 !== this.listFx0 || fx1 !== this.listFx1) this.list(fx0, fx1);
    this.origin = this.rowOrigin + this.colOrigin[ox];
    this.next = p + 1;
    if (++this.ox === this.colOrigin.length) this.nextRow();
    return this.count;
  }

  /** Moves to pixel p, for a walk that does not start where the last one stopped. */
  private seek(p: number): void {
    const { outHeight: OH, outWidth: OW } = this.info;
    this.next = p;
    this.ox = p % OW;
    this.oy = ((p - this.ox) / OW) % OH;
    this.n = Math.floor(p / (OW * OH));
    this.atRow();
  }

  /** Moves to the first pixel of the next output row. */
  private nextRow(): void {
    this.ox = 0;
    if (++this.oy === this.fyFrom.length) {
      this.oy = 0;
      this.n++;
    }
    this.atRow();
  }

  /** Sets rowOrigin for row oy of image n, and marks the list stale (its filter rows may differ). */
  private atRow(): void {
    const { inHeight: H, inWidth: W, inChannels: C, strideHeight: SH, pad } = this.info;
    this.rowOrigin = (this.n * H + this.oy * SH - pad.top) * W * C;
    this.listFx0 = -1;
  }

  /** Lists the taps in bounds in the current row, fx in [fx0, fx1), with offsets from the window's top-left tap. */
  private list(fx0: number, fx1: number): void {
    const { inWidth: W, inChannels: C, filterWidth: FW, dilationHeight: DH, dilationWidth: DW } = this.info;
    let count = 0;
    for (let fy = this.fyFrom[this.oy], fy1 = this.fyTo[this.oy]; fy < fy1; fy++) {
      for (let fx = fx0; fx < fx1; fx++, count++) {
        this.tap[count] = fy * FW + fx;
        this.offset[count] = (fy * DH * W + fx * DW) * C;
      }
    }
    this.count = count;
    this.listFx0 = fx0;
    this.listFx1 = fx1;
  }
}

/** For each output position along one axis, the [from, to) range of filter positions inside the input. */
function inBoundsRanges(outSize: number, filterSize: number, stride: number, dilation: number, padBefore: number, inSize: number): [Int32Array, Int32Array] {
  const from = new Int32Array(outSize);
  const to = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - padBefore;
    let f = 0;
    while (f < filterSize && start + f * dilation < 0) f++;
    from[o] = f;
    while (f < filterSize && start + f * dilation < inSize) f++;
    to[o] = f;
  }
  return [from, to];
}
