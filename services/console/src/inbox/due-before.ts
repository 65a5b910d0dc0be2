/** `2026-12-04T18:30` (a datetime-local input, the browser's time zone) → an ISO instant, and back. */
export function dueBeforeFromInput(value: string): string | undefined {
  if (!value) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

export function dueBeforeToInput(iso: string | undefined): string {
  if (!iso) return '';
  const instant = new Date(iso);
  const local = new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
