/** ISO 8601 in UTC with an explicit offset (`2026-12-03T12:00:00.123+00:00`): what XES and most mining tools parse. */
export function isoWithOffset(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}
