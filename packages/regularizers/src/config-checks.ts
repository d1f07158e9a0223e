// The regularizers' config check: the tensor core's (an unknown key such as `{ l2 }` given to `L1` is an error).
export { checkConfig, describeValue } from '@neurite/tensor';
