// Bundle entry for the worker: exports every workflow function.
export { orderToCash } from './order-to-cash/workflow';
