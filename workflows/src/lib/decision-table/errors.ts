/** A table that cannot decide: bad input, no matching rule, or the wrong evaluation for its hit policy. */
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

/** A table file that does not hold a valid table; `problems` lists every defect found, each on its own. */
export class DecisionTableDefinitionError extends DecisionTableError {
  constructor(
    table: string,
    version: string,
    readonly problems: readonly string[],
  ) {
    super(table, version, `invalid table: ${problems.join('; ')}`);
    this.name = 'DecisionTableDefinitionError';
  }
}
