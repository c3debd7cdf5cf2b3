/**
 * A message and stack for anything user code throws — an Error, a string, `null`, an object
 * without a prototype, an object whose getters throw — without ever throwing itself.
 */
export function describeThrown(e: unknown): { message: string; stack: string } {
  const safe = <T>(get: () => T, fallback: T): T => {
    try {
      return get();
    } catch {
      return fallback;
    }
  };
  const stack = safe(() => (e instanceof Error && typeof e.stack === 'string' ? e.stack : ''), '');
  let message = safe(() => (e instanceof Error ? String(e.message) : undefined), undefined);
  if (message === undefined) {
    if (e === null || e === undefined || typeof e !== 'object') message = `a value was thrown: ${safe(() => String(e), typeof e)}`;
    else message = `a value was thrown: ${safe(() => JSON.stringify(e), undefined) ?? Object.prototype.toString.call(e)}`;
  }
  const first = message.split('\n')[0]!;
  return { message: first.length > 500 ? `${first.slice(0, 497)}...` : first, stack };
}
