/**
 * Anki note and card ids: the creation time in epoch ms (Anki shows it as the date added),
 * made unique by moving a taken one a millisecond on. Compiling gives thousands of notes
 * the same creation time, so each base remembers where its search stopped: the next one
 * with that base starts there rather than walking the same run again.
 */
export class IdAllocator {
  private readonly used = new Set<number>();
  private readonly nextFrom = new Map<number, number>();

  take(createdAt: number): number {
    const base = Math.max(1, Math.floor(createdAt));
    let id = this.nextFrom.get(base) ?? base;
    while (this.used.has(id)) id++;
    this.used.add(id);
    this.nextFrom.set(base, id + 1);
    return id;
  }
}
