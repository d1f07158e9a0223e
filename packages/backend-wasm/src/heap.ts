import { NeuriteError } from '@neurite/tensor';

/** Every block starts on a 64-byte boundary: a cache line, and aligned for SIMD loads. */
const ALIGN = 64;
const PAGE = 65536;

/**
 * The allocator of the WebAssembly memory, kept on the host: blocks of the heap are handed out best-fit
 * from an address-ordered free list, merged with their neighbours when freed, and the memory grows
 * when no free block is large enough. Address 0 is never handed out (kernels read it as "no buffer").
 */
export class Heap {
  private readonly freeStarts: number[] = [];
  private readonly freeSizes: number[] = [];
  private readonly used = new Map<number, number>();
  private top: number;
  private usedBytes = 0;

  /** Manages [start, memory's end) of `memory`; `start` is rounded up to the alignment. */
  constructor(private readonly memory: WebAssembly.Memory, start: number, private readonly maxPages: number) {
    this.top = roundUp(Math.max(start, ALIGN), ALIGN);
    const end = memory.buffer.byteLength;
    if (end > this.top) this.addFree(this.top, end - this.top);
    this.top = end;
  }

  /** Bytes in blocks handed out and not yet freed. */
  get allocatedBytes(): number {
    return this.usedBytes;
  }

  get allocatedBlocks(): number {
    return this.used.size;
  }

  /** The memory's size in bytes (what the process holds for the heap). */
  get heapBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** A block of at least `bytes` bytes (64-byte aligned); a zero-byte request still gets a block. */
  allocate(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    let best = -1;
    for (let i = 0; i < this.freeSizes.length; i++) {
      const s = this.freeSizes[i];
      if (s >= size && (best < 0 || s < this.freeSizes[best])) {
        best = i;
        if (s === size) break;
      }
    }
    if (best < 0) best = this.grow(size);
    const start = this.freeStarts[best];
    const rest = this.freeSizes[best] - size;
    if (rest > 0) {
      this.freeStarts[best] = start + size;
      this.freeSizes[best] = rest;
    } else {
      this.freeStarts.splice(best, 1);
      this.freeSizes.splice(best, 1);
    }
    this.used.set(start, size);
    this.usedBytes += size;
    return start;
  }

  free(start: number): void {
    const size = this.used.get(start);
    if (size === undefined) throw new NeuriteError(`wasm heap: block ${start} is not allocated (freed twice?)`);
    this.used.delete(start);
    this.usedBytes -= size;
    this.addFree(start, size);
  }

  /** Grows the memory so that a free block of `size` bytes ends at its top; returns that block's index. */
  private grow(size: number): number {
    const last = this.freeStarts.length - 1;
    const tailFree = last >= 0 && this.freeStarts[last] + this.freeSizes[last] === this.top ? this.freeSizes[last] : 0;
    const pages = Math.ceil((size - tailFree) / PAGE);
    const current = this.top / PAGE;
    if (current + pages > this.maxPages) {
      throw new NeuriteError(
        `wasm backend: out of memory: a buffer of ${size} bytes needs ${pages} more 64 KiB pages, and the memory ` +
          `(${current} pages, ${this.usedBytes} bytes in use) may grow to ${this.maxPages} pages at most`,
      );
    }
    try {
      this.memory.grow(pages);
    } catch (e) {
      throw new NeuriteError(`wasm backend: the engine refused to grow the memory by ${pages} pages: ${(e as Error).message}`);
    }
    const start = this.top;
    this.top = this.memory.buffer.byteLength;
    this.addFree(start, this.top - start);
    return this.freeStarts.length - 1;
  }

  /** Inserts a free block in address order, merged with the blocks it touches. */
  private addFree(start: number, size: number): void {
    const starts = this.freeStarts;
    const sizes = this.freeSizes;
    // the first free block after `start`
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const prev = lo - 1;
    const mergePrev = prev >= 0 && starts[prev] + sizes[prev] === start;
    const mergeNext = lo < starts.length && start + size === starts[lo];
    if (mergePrev && mergeNext) {
      sizes[prev] += size + sizes[lo];
      starts.splice(lo, 1);
      sizes.splice(lo, 1);
    } else if (mergePrev) {
      sizes[prev] += size;
    } else if (mergeNext) {
      starts[lo] = start;
      sizes[lo] += size;
    } else {
      starts.splice(lo, 0, start);
      sizes.splice(lo, 0, size);
    }
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}
