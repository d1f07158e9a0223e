import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Heap } from '../src/heap.js';

const PAGE = 65536;

describe('the wasm heap allocator', () => {
  it('hands out aligned, disjoint blocks inside the memory, reuses freed space and merges it back whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ alloc: fc.integer({ min: 0, max: 300_000 }) }), fc.record({ free: fc.nat() })), { maxLength: 120 }),
        (ops) => {
          const memory = new WebAssembly.Memory({ initial: 1, maximum: 2048 });
          const heap = new Heap(memory, 4096, 2048);
          const live = new Map<number, number>();
          for (const op of ops) {
            if ('alloc' in op) {
              const at = heap.allocate(op.alloc);
              expect(at % 64).toBe(0);
              expect(at).toBeGreaterThanOrEqual(4096);
              expect(at + op.alloc).toBeLessThanOrEqual(memory.buffer.byteLength);
              for (const [start, size] of live) expect(at + Math.max(op.alloc, 1) <= start || start + size <= at).toBe(true);
              live.set(at, Math.max(op.alloc, 1));
            } else if (live.size > 0) {
              const starts = [...live.keys()];
              const at = starts[op.free % starts.length];
              heap.free(at);
              live.delete(at);
            }
          }
          const grown = memory.buffer.byteLength;
          for (const at of live.keys()) heap.free(at);
          expect(heap.allocatedBytes).toBe(0);
          expect(heap.allocatedBlocks).toBe(0);
          // everything merged back: the whole heap is one block again, so it fits without growing
          expect(heap.allocate(grown - 4096)).toBe(4096);
          expect(memory.buffer.byteLength).toBe(grown);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('grows the memory only by what a request lacks, and refuses a free of a block it did not hand out', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16 });
    const heap = new Heap(memory, 1024, 16);
    const a = heap.allocate(PAGE / 2);
    const b = heap.allocate(PAGE); // needs a second page
    expect(memory.buffer.byteLength).toBe(2 * PAGE);
    expect(b).toBe(a + PAGE / 2);
    heap.free(a);
    expect(heap.allocate(PAGE / 2)).toBe(a); // the freed hole is the one free block it fits (the top has 31,744 bytes)
    expect(heap.allocate(100)).toBe(b + PAGE); // best fit: the smallest free block that holds it
    expect(() => heap.free(a + 64)).toThrow(/wasm heap: block \d+ is not allocated \(freed twice\?\)/);
    expect(() => heap.allocate(20 * PAGE)).toThrow(/out of memory: a buffer of 1310720 bytes needs \d+ more 64 KiB pages, and the memory \(2 pages, \d+ bytes in use\) may grow to 16 pages at most/);
  });
});
