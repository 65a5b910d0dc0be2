/** The Console's address of one instance. */
export function instancePath(process: string, businessKey: string): string {
  return `/instances/${encodeURIComponent(process)}/${encodeURIComponent(businessKey)}`;
}
