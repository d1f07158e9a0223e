import { describe, expect, it } from 'vitest';
import { ENGINE } from '../src/engine/engine.js';
import { getKernel, hasKernel, listKernels, registerKernel, unregisterKernel, type KernelConfig } from '../src/engine/kernel-registry.js';
import { KERNEL_NAMES, OPTIONAL_KERNEL_NAMES } from '../src/kernel-names.js';
import type { Tensor } from '../src/tensor.js';

const info = { dataId: {}, shape: [1], dtype: 'float32' as const };

describe('the typed kernel contract', () => {
  it('refuses a second registration of one kernel in one kernel set, and names both', () => {
    const kernel: KernelConfig<'Abs'> = { kernelName: 'Abs', kernelSet: 'contract-test', kernelFunc: ({ inputs: [x] }) => x };
    registerKernel(kernel);
    expect(() => registerKernel({ ...kernel })).toThrow(
      /registerKernel: kernel 'Abs' is already registered for kernel set 'contract-test' \(is the backend package loaded twice\?\)/,
    );
    expect(getKernel('Abs', 'contract-test')).toBe(kernel);
    expect(hasKernel('Abs', 'contract-test')).toBe(true);
    expect(hasKernel('Neg', 'contract-test')).toBe(false);
    // after unregistering, the name can be registered again (how a test replaces a kernel)
    unregisterKernel('Abs', 'contract-test');
    registerKernel(kernel);
    expect(listKernels('contract-test')).toEqual(['Abs']);
    unregisterKernel('Abs', 'contract-test');
  });

  it('lists every kernel name once, required and optional apart', () => {
    expect(new Set(KERNEL_NAMES).size).toBe(KERNEL_NAMES.length);
    for (const name of OPTIONAL_KERNEL_NAMES) expect(KERNEL_NAMES as readonly string[]).not.toContain(name);
  });

  it('lets the compiler check each pairing of a kernel name with its inputs and attributes', () => {
    // Compile-time checks, run by `pnpm typecheck`: each @ts-expect-error must stay an error.
    const typed = (x: Tensor) => {
      // @ts-expect-error BatchMatMul takes two inputs
      ENGINE.runKernel('BatchMatMul', [x], { transposeA: false, transposeB: false });
      // @ts-expect-error BatchMatMul needs its attributes
      ENGINE.runKernel('BatchMatMul', [x, x]);
      // @ts-expect-error Sum's attribute is `axes`, not `axis`
      ENGINE.runKernel('Sum', [x], { axis: 0 });
      // @ts-expect-error not a kernel of the contract
      ENGINE.runKernel('Softmax', [x]);
      // a kernel without attributes may leave them out; Concat takes any number of inputs
      ENGINE.runKernel('Add', [x, x]);
      ENGINE.runKernel('Concat', [x, x, x], { axis: 0 });
    };
    const badKernel: KernelConfig<'Conv2D'> = {
      kernelName: 'Conv2D',
      kernelSet: 'contract-test',
      // @ts-expect-error Conv2D's attributes are `{ info }`
      kernelFunc: ({ attrs: { axes } }) => axes,
    };
    // @ts-expect-error a kernel's name must match the contract it is typed with
    const misnamed: KernelConfig<'Conv2D'> = { kernelName: 'MaxPool', kernelSet: 'x', kernelFunc: () => info };
    expect([typed, badKernel, misnamed]).toHaveLength(3);
  });
});
