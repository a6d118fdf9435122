/**
 * Undo actions for what a benchmark creates (child processes, temp folders, databases), run newest first.
 * Scenarios release things as soon as they are done with them; whatever is left when the run fails or is
 * interrupted is released by runAll().
 */
export class Cleanup {
  private readonly actions = new Map<number, { label: string; fn: () => Promise<void> | void }>();
  private next = 0;
  private closed = false;

  /**
   * Registers an undo action and returns a function that runs it once and forgets it. After runAll() has begun
   * (an interrupted run), a scenario still finishing a step gets its resource undone at once and an error.
   */
  add(label: string, fn: () => Promise<void> | void): () => Promise<void> {
    if (this.closed) {
      void Promise.resolve()
        .then(fn)
        .catch(() => {});
      throw new Error(`interrupted: ${label} released at once`);
    }
    const id = this.next++;
    this.actions.set(id, { label, fn });
    return async () => {
      const action = this.actions.get(id);
      if (!action) return;
      this.actions.delete(id);
      await action.fn();
    };
  }

  /** Runs every remaining action, newest first; one failing does not stop the others. */
  async runAll(report: (line: string) => void = console.error): Promise<void> {
    this.closed = true;
    const ids = [...this.actions.keys()].sort((a, b) => b - a);
    for (const id of ids) {
      const action = this.actions.get(id);
      if (!action) continue;
      this.actions.delete(id);
      try {
        await action.fn();
      } catch (err) {
        report(`cleanup of ${action.label} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
