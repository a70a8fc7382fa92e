// Caps that hold across one whole run (a CLI lint, a language-server scan or re-lint), not per archive:
// a dozen archives each under the per-archive cap must not add up to gigabytes. A run opens a budget
// with `withLoadBudget`; readers draw from the innermost open budget (loading is synchronous, so the
// scope is exact). Outside any run, each archive gets a fresh budget.

/**
 * Total declared uncompressed bytes of every archive of a run. Bounds the work a few kilobytes of
 * archive can demand (a flow of text expanded a thousandfold costs seconds per 60 MB to lint); packed
 * solutions in source control are typically a few megabytes each.
 */
export const RUN_MAX_ZIP_BYTES = 256 * 1024 * 1024;
/** Total entries of every archive of a run. */
export const RUN_MAX_ZIP_ENTRIES = 50000;
/** One file of a solution, in a folder or an archive (the largest real definitions are ~16 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class LoadBudget {
  zipBytes = RUN_MAX_ZIP_BYTES;
  zipEntries = RUN_MAX_ZIP_ENTRIES;

  /** Takes an archive's share, or says why it does not fit (then nothing is taken). */
  takeArchive(bytes: number, entries: number): string | undefined {
    if (entries > this.zipEntries) {
      return `the zip archives of this run hold more than ${RUN_MAX_ZIP_ENTRIES} entries in total; this archive is not read`;
    }
    if (bytes > this.zipBytes) {
      return `the zip archives of this run expand to more than ${RUN_MAX_ZIP_BYTES / 1048576} MiB in total; this archive is not read`;
    }
    this.zipBytes -= bytes;
    this.zipEntries -= entries;
    return undefined;
  }
}

let current: LoadBudget | undefined;

/** Runs `run` with one budget shared by every archive it opens. */
export function withLoadBudget<T>(run: () => T, budget = new LoadBudget()): T {
  const previous = current;
  current = budget;
  try {
    return run();
  } finally {
    current = previous;
  }
}

/** Runs `run` within the budget already open (a caller's), or a fresh one when none is. */
export function withRunBudget<T>(run: () => T): T {
  return current ? run() : withLoadBudget(run);
}

/** The budget of the run in progress (a fresh one outside any run). */
export function activeBudget(): LoadBudget {
  return current ?? new LoadBudget();
}
