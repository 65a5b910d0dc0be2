/** Address of a role's mailbox, for task notifications of every process (pure: the package entry exports it too). */
export function roleMailbox(role: string): string {
  return `${role}@ordo.local`;
}
