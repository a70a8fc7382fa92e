// Per-file isolation: a loader that throws on one file (a bug, or input built to exhaust the stack)
// must cost that file only. The error becomes a plain message for a flowcop/parse-error finding.

/**
 * A message for an exception caught while reading a file. Only the error's kind is kept: messages of
 * the platform's parsers quote the input, which may hold a secret.
 */
export function loadErrorMessage(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'the file is nested too deeply to be read (call stack exhausted); not read';
  if (e instanceof RangeError && /(array|string|buffer) length|allocation/i.test(e.message)) return 'the file is too large to be read; not read';
  const kind = e instanceof Error ? e.name : typeof e;
  return `internal error while reading this file (${kind}); the rest of the run goes on`;
}

/** Runs `load`; on an exception returns `fallback(message)` instead of throwing. */
export function guardLoad<T>(load: () => T, fallback: (message: string) => T): T {
  try {
    return load();
  } catch (e) {
    return fallback(loadErrorMessage(e));
  }
}
