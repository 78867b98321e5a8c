/**
 * Runs tasks one at a time per key, in arrival order, so concurrent callers
 * of one model wait their turn instead of racing for the same budget. A
 * failed task does not block the ones behind it.
 */
export class PerKeyQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const mine = (this.tails.get(key) ?? Promise.resolve()).then(task);
    this.tails.set(
      key,
      mine.catch(() => undefined),
    );
    return mine;
  }
}
