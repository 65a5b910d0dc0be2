/** Path of the Temporal CLI (dev server) the tests start; set by the jest global setup or by hand. */
export function temporalCliPath(): string {
  const path = process.env.ORDO_TEMPORAL_CLI;
  if (!path) throw new Error('ORDO_TEMPORAL_CLI must point at the Temporal CLI binary (temporal) to run these tests');
  return path;
}
