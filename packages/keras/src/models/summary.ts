import { bytesPerElement } from '@neurite/tensor';
import type { Layer, LayerNode, LayerShape, LayerWeight } from '@neurite/layers';
import { renderTable, type TableColumn } from './summary-table.js';

/** What `summaryLines` needs to know of a model. */
export interface SummarySource {
  name: string;
  /** Layers to list, in order (Sequential leaves out its InputLayer). */
  layers: Layer[];
  /** The model's own calls of each layer (output shapes, connections); none while unbuilt. */
  nodesOf(layer: Layer): LayerNode[];
  /** Whether to add the `Connected to` column (functional models that are not a plain chain). */
  showConnections: boolean;
  trainableWeights: LayerWeight[];
  nonTrainableWeights: LayerWeight[];
}

/** A shape as Python prints Keras's tuples: `(None, 128)`, `(None,)`. */
export function formatShape(shape: LayerShape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Bytes in Keras's readable form: `409.91 KB`, `0.00 B`. */
export function readableSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}

function countWithSize(weights: LayerWeight[]): string {
  const count = weights.reduce((n, w) => n + w.variable.size, 0);
  const bytes = weights.reduce((n, w) => n + w.variable.size * bytesPerElement(w.variable.dtype), 0);
  return `${count.toLocaleString('en-US')} (${readableSize(bytes)})`;
}

function outputShapeText(nodes: LayerNode[]): string {
  if (nodes.length === 0) return '?';
  const shapes = nodes[0].outputs.map((t) => formatShape(t.shape));
  return shapes.length === 1 ? shapes[0] : `[${shapes.join(', ')}]`;
}

function connections(nodes: LayerNode[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    for (const t of node.inputs) {
      const producer = t.node.layer;
      out.push(`${producer.name}[${producer.inboundNodes.indexOf(t.node)}][${t.outputIndex}]`);
    }
  }
  return out.length === 0 ? ['-'] : out;
}

/** The lines of Keras 3's `model.summary()`: title, layer table, parameter totals (float32 = 4 bytes). */
export function summaryLines(model: SummarySource): string[] {
  const columns: TableColumn[] = model.showConnections
    ? [
        { header: 'Layer (type)', width: 21, align: 'left' },
        { header: 'Output Shape', width: 19, align: 'left' },
        { header: 'Param #', width: 12, align: 'right' },
        { header: 'Connected to', width: 19, align: 'left' },
      ]
    : [
        { header: 'Layer (type)', width: 33, align: 'left' },
        { header: 'Output Shape', width: 24, align: 'left' },
        { header: 'Param #', width: 15, align: 'right' },
      ];
  const rows = model.layers.map((layer) => {
    const nodes = model.nodesOf(layer);
    const params = layer.built || nodes.length > 0 ? layer.countParams().toLocaleString('en-US') : '0 (unbuilt)';
    const row = [[`${layer.name} (${layer.className})`], [outputShapeText(nodes)], [params]];
    if (model.showConnections) row.push(connections(nodes));
    return row;
  });
  return [
    `Model: "${model.name}"`,
    ...renderTable(columns, rows),
    ` Total params: ${countWithSize([...model.trainableWeights, ...model.nonTrainableWeights])}`,
    ` Trainable params: ${countWithSize(model.trainableWeights)}`,
    ` Non-trainable params: ${countWithSize(model.nonTrainableWeights)}`,
  ];
}
