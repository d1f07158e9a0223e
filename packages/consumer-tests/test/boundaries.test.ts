import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '../src/packages.js';

// The linter's rules that keep the packages' boundaries, checked on code that breaks them (the lint
// run over the sources, in `pnpm test`, checks that nothing does).

const eslint = new ESLint({ cwd: workspaceRoot });
const lint = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: join(workspaceRoot, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
};

describe('the lint rules of the package boundaries', () => {
  it('refuse an import against the dependency direction, and name what the package may import', async () => {
    expect(await lint('packages/keras/src/bad.ts', "import '@neurite/backend-wasm';\n")).toEqual([
      "no-restricted-imports: '@neurite/backend-wasm' import is restricted from being used. packages/keras may import only @neurite/tensor, @neurite/regularizers, @neurite/layers (tensor <- backends, tensor <- regularizers <- layers <- keras <- neurite)",
    ]);
    expect(await lint('packages/tensor/src/bad.ts', "export { layers } from '@neurite/keras';\n")).toHaveLength(1);
    expect(await lint('packages/layers/src/bad.ts', "import { Registry } from '@neurite/tensor';\nexport const r = new Registry('x');\n")).toEqual([]);
  });

  it("refuse reaching into another package's files", async () => {
    const messages = await lint('packages/layers/src/bad.ts', "import { ENGINE } from '../../tensor/src/engine/engine.js';\nexport const e = ENGINE;\n");
    expect(messages.some((m) => m.includes("another package's files are internal"))).toBe(true);
  });

  it('refuse an import cycle', async () => {
    // model-json imports layer-json; a layer-json that imported model-json back would close a cycle
    const code = "import { modelFromKerasJSON } from './model-json.js';\nexport const read = modelFromKerasJSON;\n";
    expect((await lint('packages/keras/src/saving/config/layer-json.ts', code)).some((m) => m.startsWith('import-x/no-cycle'))).toBe(true);
  });
});
