import { loadModel, saveModel, type Model } from 'neurite';

/** Offers the model as a `.keras` download (Keras 3's format: it opens in Python with keras.saving.load_model). */
export async function downloadModel(model: Model, fileName: string): Promise<void> {
  const bytes = await saveModel(model);
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Wires a file input and a drop zone to `onModel`: the file is read with `loadModel` (a `.keras` archive
 * or a Keras 2 `.h5`); any error goes to `onError` with the file's name, never to a blank page.
 */
export function wireModelInput(input: HTMLInputElement, dropZone: HTMLElement, onModel: (model: Model, name: string) => void, onError: (message: string) => void): void {
  const open = async (file: File) => {
    try {
      onModel(await loadModel(file), file.name);
    } catch (e) {
      onError(`Could not load '${file.name}': ${(e as Error).message}`);
    }
  };
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void open(file);
    input.value = '';
  });
  dropZone.addEventListener('dragover', (e) => {
    e.preventDefault();
    dropZone.classList.add('over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    dropZone.classList.remove('over');
    const file = e.dataTransfer?.files?.[0];
    if (file) void open(file);
  });
}
