// Bundle entry for the worker: exports every workflow function.
export {};
