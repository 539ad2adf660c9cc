/**
 * How tests wait. There is no fixed sleep in tests/: a test waits for the condition it needs (`eventually`), and
 * where it asserts that something does NOT happen it says for how long it watches (`holdsFor`).
 *
 * One helper rather than vitest's `expect.poll`: `eventually` returns what the check returns (the row, the job, the
 * mail's link), a check may hold several assertions, and it runs anywhere, in hooks and support code too (expect.poll
 * throws outside a test). It needs nothing from vitest, so the benches use it as well.
 */

/**
 * Runs `check` until it stops throwing (its assertions pass), and returns what it returned: for work that finishes
 * elsewhere in its own time (jobs, realtime events, a browser page, a process starting). After `timeoutMs` the last
 * failure is thrown, so the message says what never came.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/**
 * For what must not happen (a duplicate mail, an event for someone who may not see it): runs `check` for `forMs`
 * and fails the first time its assertions do. Use it only where nothing marks "by now it would have happened" (a
 * later event, a finished job: wait for that with `eventually` instead), and keep `forMs` to the time the unwanted
 * thing would take to show, with the reason at the call.
 */
export async function holdsFor(check: () => unknown, options: { forMs: number; intervalMs?: number }): Promise<void> {
  const { forMs, intervalMs = 25 } = options;
  const start = Date.now();
  for (;;) {
    try {
      await check();
    } catch (error) {
      const after = Date.now() - start;
      if (error instanceof Error) error.message = `within ${after} ms of ${forMs}: ${error.message}`;
      throw error;
    }
    if (Date.now() - start >= forMs) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
