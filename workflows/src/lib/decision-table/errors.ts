/** A table that cannot decide: bad input, no matching rule, or a broken UNIQUE table. */
export class DecisionTableError extends Error {
  constructor(
    readonly table: string,
    readonly version: string,
    message: string,
  ) {
    super(`decision table ${table} v${version}: ${message}`);
    this.name = 'DecisionTableError';
  }
}
