/** Whether this is Node (where paths are files and node: modules can be imported). */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * A Node module, reached so that a browser bundler never follows it (no literal `import('node:…')` in
 * the code): Node's own `process.getBuiltinModule` (Node >= 20.16) for built-in modules, else an import
 * of a computed specifier. Only called on paths that run in Node.
 */
export async function nodeModule<T>(specifier: string): Promise<T> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const builtin = specifier.startsWith('node:') ? proc?.getBuiltinModule?.(specifier) : undefined;
  if (builtin) return builtin as T;
  const computed = specifier;
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ computed)) as T;
}
