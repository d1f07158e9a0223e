// The state in the URL's query, readable and short, so that a run can be shared and reproduced:
// ?data=circle&noise=0.15&size=400&test=0.5&layers=16:l2:0.001:0.001:kernel:dropout:0.3:inverted,8:none&...
import {
  ACTIVATIONS, ARCHITECTURES, BACKENDS, DATASETS, DEFAULT_LAYER, DEFAULT_STATE, NOISES, OPTIMIZERS, REGULARIZERS, SCALINGS, TARGETS,
  cloneState, withinLimits, type HiddenLayer, type PlaygroundState,
} from './state.js';

const NUMBER_KEYS = {
  noise: 'noise', size: 'size', test: 'testFraction', lr: 'learningRate', wd: 'weightDecay', batch: 'batchSize', seed: 'seed',
} as const;
const CHOICE_KEYS = {
  data: ['dataset', DATASETS], arch: ['architecture', ARCHITECTURES], act: ['activation', ACTIVATIONS],
  opt: ['optimizer', OPTIMIZERS], backend: ['backend', BACKENDS],
} as const;

/** A number in the shortest form that reads back exactly the same (JavaScript's own), so the URL reproduces the run. */
const num = (v: number) => String(v);

function layerToText(l: HiddenLayer): string {
  const parts: string[] = [String(l.units)];
  if (l.regularizer !== 'none' || l.noise !== 'none') parts.push(l.regularizer, num(l.l1), num(l.l2), l.target);
  if (l.noise !== 'none') parts.push(l.noise, num(l.rate), l.scaling);
  return parts.join(':');
}

/** The query string (without '?') of a state: every field, so the URL alone reproduces the run. */
export function stateToQuery(state: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set('data', state.dataset);
  for (const [key, field] of Object.entries(NUMBER_KEYS)) q.set(key, num(state[field]));
  q.set('arch', state.architecture);
  q.set('layers', state.layers.map(layerToText).join(','));
  q.set('act', state.activation);
  q.set('opt', state.optimizer);
  q.set('backend', state.backend);
  return q.toString();
}

/** What reading a query gave: the state, and the parts of the query that were ignored (and why). */
export interface ReadQuery {
  state: PlaygroundState;
  ignored: string[];
}

function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function layerFromText(text: string, at: number, ignored: string[]): HiddenLayer | null {
  const p = text.split(':');
  const units = Number(p[0]);
  if (!withinLimits('units', units)) {
    ignored.push(`layers[${at}]: units '${p[0]}' is not an integer in [1, 256]`);
    return null;
  }
  const layer: HiddenLayer = { ...DEFAULT_LAYER, units, regularizer: 'none', noise: 'none' };
  if (p.length > 1) {
    const [reg, l1, l2, target] = [p[1], Number(p[2]), Number(p[3]), p[4]];
    if (oneOf(REGULARIZERS, reg) && withinLimits('l1', l1) && withinLimits('l2', l2) && oneOf(TARGETS, target)) {
      Object.assign(layer, { regularizer: reg, l1, l2, target });
    } else ignored.push(`layers[${at}]: regularizer '${p.slice(1, 5).join(':')}'`);
  }
  if (p.length > 5) {
    const [noise, rate, scaling] = [p[5], Number(p[6]), p[7]];
    if (oneOf(NOISES, noise) && withinLimits('rate', rate) && oneOf(SCALINGS, scaling)) Object.assign(layer, { noise, rate, scaling });
    else ignored.push(`layers[${at}]: noise '${p.slice(5).join(':')}'`);
  }
  return layer;
}

/**
 * The state a query describes. Tolerant, as a link from an older version may be: a missing or invalid
 * part takes its default and is listed in `ignored`, never an error.
 */
export function stateFromQuery(query: string): ReadQuery {
  const q = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const state = cloneState(DEFAULT_STATE);
  const ignored: string[] = [];
  const known = new Set<string>([...Object.keys(NUMBER_KEYS), ...Object.keys(CHOICE_KEYS), 'layers']);
  for (const key of q.keys()) if (!known.has(key)) ignored.push(`unknown parameter '${key}'`);
  for (const [key, [field, list]] of Object.entries(CHOICE_KEYS)) {
    const v = q.get(key);
    if (v === null) continue;
    if (oneOf(list as readonly string[], v)) (state as unknown as Record<string, unknown>)[field] = v;
    else ignored.push(`${key}: '${v}' is not one of ${list.join(', ')}`);
  }
  for (const [key, field] of Object.entries(NUMBER_KEYS)) {
    const v = q.get(key);
    if (v === null) continue;
    const n = Number(v);
    const limit = field === 'testFraction' ? 'testFraction' : field;
    if (v.trim() !== '' && withinLimits(limit, n)) state[field] = n;
    else ignored.push(`${key}: '${v}' is out of range`);
  }
  const layers = q.get('layers');
  if (layers !== null) {
    const parts = layers === '' ? [] : layers.split(',');
    if (parts.length > 4) ignored.push(`layers: at most 4 hidden layers (got ${parts.length})`);
    state.layers = parts.slice(0, 4).map((t, i) => layerFromText(t, i, ignored)).filter((l): l is HiddenLayer => l !== null);
  }
  return { state, ignored };
}
