// Group commit for storefront batches. Concurrent beacons each used to be their own INSERT and
// their own commit; now the batches that arrive while an insert is in flight wait for it and then
// go together as one multi-row INSERT (one statement, one commit, one WAL flush). The first batch
// of a quiet moment goes at once (when gathering, at the end of the event loop's turn), so nothing
// waits on a timer; under load the statements grow and their number falls. A batch is answered
// only after the statement holding its rows committed, with its own count of rows written (a
// client's repeat of an earlier event is skipped, and a repeat across two batches of one statement
// counts for the first). Should a combined statement fail, its batches are retried one by one, so
// one batch cannot fail the others.

export interface KeyedRow {
  dedupe_key: string;
}

interface Waiting<R> {
  rows: R[];
  resolve(written: number): void;
  reject(err: unknown): void;
}

export interface InsertCoalescer<R> {
  /** Resolves with how many of `rows` were written once they are committed. */
  add(rows: R[]): Promise<number>;
}

/**
 * `insert` writes rows, skipping keys already stored, and returns the keys it skipped so (almost
 * always none: answering with the keys it wrote instead cost a result row per event, which PGlite
 * decodes at several times the row's own insert). At most `maxRows` rows go in one statement (a
 * single larger batch goes alone) and at most `concurrency` statements are in flight.
 */
export interface CoalescerOptions {
  maxRows: number;
  concurrency: number;
  /**
   * Start a statement only once this turn of the event loop has read every request it could
   * (setImmediate), so the batches that arrived together go together. For an embedded database
   * (PGlite), which runs a statement to its end without yielding to I/O: there no batch ever
   * arrives while one is in flight, and without this every batch was a statement of its own.
   */
  gather?: boolean;
}

export function createInsertCoalescer<R extends KeyedRow>(insert: (rows: R[]) => Promise<Set<string>>, opts: CoalescerOptions): InsertCoalescer<R> {
  const queue: Waiting<R>[] = [];
  let inFlight = 0;
  let gathering = false;

  /** Each batch's share of the written keys, in arrival order: a key the statement wrote counts for its first row. */
  function settle(group: Waiting<R>[], skipped: Set<string>) {
    const counted = new Set<string>();
    for (const w of group) {
      let n = 0;
      for (const r of w.rows) {
        const key = r.dedupe_key;
        if (skipped.has(key) || counted.has(key)) continue;
        counted.add(key);
        n++;
      }
      w.resolve(n);
    }
  }

  function take(): Waiting<R>[] {
    const group: Waiting<R>[] = [];
    let rows = 0;
    while (queue.length && (group.length === 0 || rows + queue[0].rows.length <= opts.maxRows)) {
      const w = queue.shift()!;
      group.push(w);
      rows += w.rows.length;
    }
    return group;
  }

  async function run(group: Waiting<R>[]) {
    try {
      settle(group, await insert(group.flatMap((w) => w.rows)));
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else await Promise.all(group.map((w) => insert(w.rows).then((keys) => settle([w], keys), (e: unknown) => w.reject(e))));
    }
  }

  function pump() {
    if (opts.gather && inFlight < opts.concurrency && queue.length) {
      if (!gathering) {
        gathering = true;
        setImmediate(() => {
          gathering = false;
          start();
        });
      }
      return;
    }
    start();
  }

  function start() {
    while (inFlight < opts.concurrency && queue.length) {
      const group = take();
      inFlight++;
      void run(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    add: (rows) =>
      new Promise<number>((resolve, reject) => {
        if (!rows.length) return resolve(0);
        queue.push({ rows, resolve, reject });
        pump();
      }),
  };
}
