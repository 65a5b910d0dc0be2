const units: ReadonlyArray<[RegExp, number]> = [
  [/(\d+(?:\.\d+)?)W/, 7 * 86_400],
  [/(\d+(?:\.\d+)?)D/, 86_400],
];
const timeUnits: ReadonlyArray<[RegExp, number]> = [
  [/(\d+(?:\.\d+)?)H/, 3_600],
  [/(\d+(?:\.\d+)?)M/, 60],
  [/(\d+(?:\.\d+)?)S/, 1],
];

/**
 * Seconds of an ISO 8601 duration without years or months (`P60D`, `PT48H`, `P1DT12H`), as SLA targets are written;
 * undefined for anything else (a month has no fixed length).
 */
export function isoDurationSeconds(duration: string): number | undefined {
  const match = /^P(?!$)((?:\d+(?:\.\d+)?[WD])*)(?:T((?:\d+(?:\.\d+)?[HMS])+))?$/.exec(duration);
  if (!match) return undefined;
  const sum = (part: string | undefined, table: typeof units) =>
    table.reduce((total, [pattern, factor]) => total + Number(pattern.exec(part ?? '')?.[1] ?? 0) * factor, 0);
  return sum(match[1], units) + sum(match[2], timeUnits);
}
