import { NeuriteError, Registry, type Tensor } from '@neurite/tensor';

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

export type ConstraintClass = (new (config?: any) => Constraint) & { className: string };
/** The registered constraint classes by name (a downstream library may register its own here, with options). */
export const constraintClasses = new Registry<ConstraintClass>('constraint');

/** Makes a constraint class known to `getConstraint`, under its class name and any aliases. */
export function registerConstraint(cls: ConstraintClass, ...aliases: string[]): void {
  if (typeof cls !== 'function' || typeof cls.className !== 'string' || cls.className === '') {
    throw new NeuriteError('registerConstraint: cls must be a Constraint subclass with a static className');
  }
  constraintClasses.register('registerConstraint', [cls.className, ...aliases], cls);
}

export type ConstraintIdentifier = Constraint | string | { className: string; config?: ConstraintConfig };

export function getConstraint(id: ConstraintIdentifier, owner = 'getConstraint'): Constraint {
  if (id instanceof Constraint) return id;
  const [name, config] = typeof id === 'string' ? [id, undefined] : [id?.className, id?.config];
  const cls = constraintClasses.require(owner, name, name ?? id);
  return new cls(config ?? {});
}

export function serializeConstraint(c: Constraint): { className: string; config: ConstraintConfig } {
  return { className: c.className, config: c.getConfig() };
}
