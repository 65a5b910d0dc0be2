/**
 * Issues readable ids (`RES-000001`). Counters survive `/reset` on purpose: an id handed out
 * before a reset never comes back for a different object.
 */
export class Sequence {
  private next = 1;

  constructor(private readonly prefix: string) {}

  issue(): string {
    const id = `${this.prefix}-${String(this.next).padStart(6, '0')}`;
    this.next += 1;
    return id;
  }
}
