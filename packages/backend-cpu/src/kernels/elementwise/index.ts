import type { AnyKernelConfig } from '@neurite/tensor';
import { absKernel } from './Abs.js';
import { addKernel } from './Add.js';
import { castKernel } from './Cast.js';
import { clipByValueKernel } from './ClipByValue.js';
import { divKernel } from './Div.js';
import { eluKernel } from './Elu.js';
import { equalKernel } from './Equal.js';
import { expKernel } from './Exp.js';
import { geluKernel } from './Gelu.js';
import { greaterKernel } from './Greater.js';
import { greaterEqualKernel } from './GreaterEqual.js';
import { leakyReluKernel } from './LeakyRelu.js';
import { lessKernel } from './Less.js';
import { lessEqualKernel } from './LessEqual.js';
import { logKernel } from './Log.js';
import { log1pKernel } from './Log1p.js';
import { logicalAndKernel } from './LogicalAnd.js';
import { logicalNotKernel } from './LogicalNot.js';
import { logicalOrKernel } from './LogicalOr.js';
import { maximumKernel } from './Maximum.js';
import { minimumKernel } from './Minimum.js';
import { mulKernel } from './Mul.js';
import { negKernel } from './Neg.js';
import { notEqualKernel } from './NotEqual.js';
import { powKernel } from './Pow.js';
import { reluKernel } from './Relu.js';
import { relu6Kernel } from './Relu6.js';
import { rsqrtKernel } from './Rsqrt.js';
import { selectKernel } from './Select.js';
import { seluKernel } from './Selu.js';
import { sigmoidKernel } from './Sigmoid.js';
import { signKernel } from './Sign.js';
import { softplusKernel } from './Softplus.js';
import { softsignKernel } from './Softsign.js';
import { sqrtKernel } from './Sqrt.js';
import { squareKernel } from './Square.js';
import { subKernel } from './Sub.js';
import { tanhKernel } from './Tanh.js';

/** The CPU kernels of the 'elementwise' family, one file per kernel. */
export const elementwiseKernels: AnyKernelConfig[] = [
  // unary
  absKernel, negKernel, signKernel, squareKernel, sqrtKernel, rsqrtKernel, expKernel, logKernel, log1pKernel,
  reluKernel, relu6Kernel, eluKernel, seluKernel, geluKernel, sigmoidKernel, tanhKernel, softplusKernel, softsignKernel,
  logicalNotKernel,
  // binary
  addKernel, subKernel, mulKernel, divKernel, powKernel, maximumKernel, minimumKernel,
  equalKernel, notEqualKernel, greaterKernel, greaterEqualKernel, lessKernel, lessEqualKernel,
  logicalAndKernel, logicalOrKernel,
  // with attributes
  leakyReluKernel, clipByValueKernel, castKernel, selectKernel,
];
