/**
 * Waits for a condition instead of sleeping: retries `probe` until it returns without throwing
 * (and, with `until`, until the value satisfies it), or fails with the last error.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number; until?: (value: T) => boolean; what?: string } = {},
): Promise<T> {
  // Generous: a hub booted after other suites first catches up on the events they left on the topics.
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  let last: unknown = new Error('never probed');
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (!options.until || options.until(value)) return value;
      last = new Error(`condition not met; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
  const message = last instanceof Error ? last.message : String(last);
  throw new Error(`Timed out waiting${options.what ? ` for ${options.what}` : ''}: ${message}`);
}
