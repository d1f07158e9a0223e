/** A layer-level shape: `null` marks a dimension not known until data arrives (usually the batch). */
export type LayerShape = (number | null)[];

export function describeShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;
}

/** True when `shape` is a list of shapes (a multi-input layer's argument). */
export function isShapeList(shape: LayerShape | LayerShape[]): shape is LayerShape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}
