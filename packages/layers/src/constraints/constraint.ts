import { NeuriteError, type Tensor } from '@neurite/tensor';

export type ConstraintConfig = Record<string, unknown>;

/** Projects a weight back into an allowed set after each optimizer update (max-norm, non-negativity, …). */
export abstract class Constraint {
  static className: string;

  abstract apply(w: Tensor): Tensor;

  getConfig(): ConstraintConfig {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Constraint).className;
  }
}

type ConstraintClass = (new (config?: any) => Constraint) & { className: string };
const registry = new Map<string, ConstraintClass>();

export function registerConstraint(cls: ConstraintClass, ...aliases: string[]): void {
  for (const name of [cls.className, ...aliases]) registry.set(name, cls);
}

export type ConstraintIdentifier = Constraint | string | { className: string; config?: ConstraintConfig };

export function getConstraint(id: ConstraintIdentifier, owner = 'getConstraint'): Constraint {
  if (id instanceof Constraint) return id;
  const [name, config] = typeof id === 'string' ? [id, undefined] : [id?.className, id?.config];
  const cls = typeof name === 'string' ? registry.get(name) : undefined;
  if (!cls) {
    throw new NeuriteError(`${owner}: unknown constraint ${JSON.stringify(name ?? id)}; known: ${[...registry.keys()].sort().join(', ')}`);
  }
  return new cls(config ?? {});
}

export function serializeConstraint(c: Constraint): { className: string; config: ConstraintConfig } {
  return { className: c.className, config: c.getConfig() };
}
