/**
 * Paths the API answers itself; every other path belongs to the Console (its files, and its client-side routes such
 * as `/inbox` or `/instances/order-to-cash/SO-1`, which all answer the console's index page).
 */
const apiPathPrefixes = ['/v1', '/health', '/metrics', '/codec', '/docs'];

export function isConsolePath(path: string): boolean {
  return !apiPathPrefixes.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-`),
  );
}
