import {
  ACTIVATIONS, ARCHITECTURES, BACKENDS, DATASETS, DEFAULT_LAYER, LIMITS, NOISES, OPTIMIZERS, REGULARIZERS, SCALINGS, TARGETS,
  cloneState, withinLimits, type HiddenLayer, type PlaygroundState,
} from '../state.js';
import { el, uid } from './dom.js';

const LABELS: Record<string, string> = {
  circle: 'Circle', xor: 'XOR', gaussians: 'Two gaussians', spiral: 'Spiral', mnist: 'MNIST digits',
  mlp: 'MLP', cnn: 'Convnet', none: 'none', l1: 'L1', l2: 'L2', l1l2: 'L1 + L2', kernel: 'kernel', bias: 'bias', activity: 'activity',
  dropout: 'Dropout', spatialDropout: 'SpatialDropout', gaussianDropout: 'GaussianDropout', gaussianNoise: 'GaussianNoise',
  alphaDropout: 'AlphaDropout', inverted: 'inverted (Keras)', inference: 'at inference (paper)', sgd: 'SGD (momentum 0.9)',
  adam: 'Adam', adamw: 'AdamW', auto: 'auto (fastest)', webgpu: 'WebGPU', webgl2: 'WebGL2', wasm: 'WebAssembly', cpu: 'CPU',
};

/** A labelled select of `options`; `name` is also its test id. */
function select(label: string, name: string, options: readonly string[], value: string, onChange: (v: string) => void): HTMLElement {
  const id = uid(name);
  const control = el('select', { id, name, 'data-control': name, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    ...options.map((o) => el('option', { value: o, selected: o === value }, LABELS[o] ?? o)));
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

/** A labelled number input checked against LIMITS; an out-of-range entry is marked and not applied. */
function number(label: string, name: string, limit: keyof typeof LIMITS, value: number, onChange: (v: number) => void, step = 'any'): HTMLElement {
  const id = uid(name);
  const [min, max] = LIMITS[limit];
  const input = el('input', {
    id, name, type: 'number', min: String(min), max: String(max), step, value: String(value), 'data-control': name, inputmode: 'decimal',
    onchange: (e: Event) => {
      const target = e.target as HTMLInputElement;
      const v = Number(target.value);
      const ok = target.value.trim() !== '' && withinLimits(limit, v);
      target.setAttribute('aria-invalid', String(!ok));
      if (ok) onChange(v);
    },
  });
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

/** One hidden layer's row: units, regularizer with its factors and target, noise layer with its rate. */
function layerEditor(state: PlaygroundState, i: number, apply: (s: PlaygroundState) => void): HTMLElement {
  const layer = state.layers[i];
  const set = (patch: Partial<HiddenLayer>) => {
    const next = cloneState(state);
    Object.assign(next.layers[i], patch);
    apply(next);
  };
  const convFirst = state.dataset === 'mnist' && state.architecture === 'cnn' && i === 0;
  const parts: HTMLElement[] = [
    number(convFirst ? 'Filters' : 'Units', `layer${i}-units`, 'units', layer.units, (units) => set({ units }), '1'),
    select('Regularizer', `layer${i}-regularizer`, REGULARIZERS, layer.regularizer, (v) => set({ regularizer: v as HiddenLayer['regularizer'] })),
  ];
  if (layer.regularizer === 'l1' || layer.regularizer === 'l1l2') parts.push(number('L1', `layer${i}-l1`, 'l1', layer.l1, (l1) => set({ l1 })));
  if (layer.regularizer === 'l2' || layer.regularizer === 'l1l2') parts.push(number('L2', `layer${i}-l2`, 'l2', layer.l2, (l2) => set({ l2 })));
  if (layer.regularizer !== 'none') parts.push(select('On', `layer${i}-target`, TARGETS, layer.target, (v) => set({ target: v as HiddenLayer['target'] })));
  parts.push(select('Then', `layer${i}-noise`, NOISES, layer.noise, (v) => set({ noise: v as HiddenLayer['noise'] })));
  if (layer.noise !== 'none') parts.push(number(layer.noise === 'gaussianNoise' ? 'Stddev' : 'Rate', `layer${i}-rate`, 'rate', layer.rate, (rate) => set({ rate })));
  if (layer.noise === 'dropout' || (layer.noise === 'spatialDropout' && !convFirst)) {
    parts.push(select('Scaling', `layer${i}-scaling`, SCALINGS, layer.scaling, (v) => set({ scaling: v as HiddenLayer['scaling'] })));
  }
  const remove = el('button', {
    type: 'button', class: 'small', 'aria-label': `Remove hidden layer ${i + 1}`,
    onclick: () => {
      const next = cloneState(state);
      next.layers.splice(i, 1);
      apply(next);
    },
  }, 'Remove');
  return el('fieldset', { class: 'layer' }, el('legend', {}, `Hidden layer ${i + 1}`), ...parts, remove);
}

/** The whole control panel for `state`; `apply` receives every changed state (the caller re-renders). */
export function renderControls(root: HTMLElement, state: PlaygroundState, apply: (s: PlaygroundState) => void): void {
  const patch = (p: Partial<PlaygroundState>) => apply({ ...cloneState(state), ...p });
  const mnist = state.dataset === 'mnist';
  const data = el('fieldset', {}, el('legend', {}, 'Data'),
    select('Data set', 'dataset', DATASETS, state.dataset, (v) => patch({ dataset: v as PlaygroundState['dataset'] })),
    mnist ? select('Network', 'architecture', ARCHITECTURES, state.architecture, (v) => patch({ architecture: v as PlaygroundState['architecture'] })) : null,
    mnist ? null : number('Noise', 'noise', 'noise', state.noise, (noise) => patch({ noise })),
    number(mnist ? 'Digits' : 'Points', 'size', 'size', state.size, (size) => patch({ size }), '1'),
    number('Test fraction', 'testFraction', 'testFraction', state.testFraction, (testFraction) => patch({ testFraction })),
  );
  const network = el('fieldset', {}, el('legend', {}, 'Network'),
    select('Activation', 'activation', ACTIVATIONS, state.activation, (v) => patch({ activation: v as PlaygroundState['activation'] })),
    ...state.layers.map((_, i) => layerEditor(state, i, apply)),
    state.layers.length < LIMITS.layers[1]
      ? el('button', { type: 'button', class: 'small', onclick: () => patch({ layers: [...cloneState(state).layers, { ...DEFAULT_LAYER }] }) }, 'Add a hidden layer')
      : null,
  );
  const training = el('fieldset', {}, el('legend', {}, 'Training'),
    select('Optimizer', 'optimizer', OPTIMIZERS, state.optimizer, (v) => patch({ optimizer: v as PlaygroundState['optimizer'] })),
    number('Learning rate', 'learningRate', 'learningRate', state.learningRate, (learningRate) => patch({ learningRate })),
    state.optimizer === 'adamw' ? number('Weight decay', 'weightDecay', 'weightDecay', state.weightDecay, (weightDecay) => patch({ weightDecay })) : null,
    number('Batch size', 'batchSize', 'batchSize', state.batchSize, (batchSize) => patch({ batchSize }), '1'),
    number('Seed', 'seed', 'seed', state.seed, (seed) => patch({ seed }), '1'),
    select('Backend', 'backend', BACKENDS, state.backend, (v) => patch({ backend: v as PlaygroundState['backend'] })),
  );
  root.replaceChildren(data, network, training);
}
