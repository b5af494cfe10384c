// Group commit for storefront batches. Concurrent beacons each used to be their own INSERT and
// their own commit; now the batches that arrive while an insert is in flight wait for it and then
// go together as one multi-row INSERT (one statement, one commit, one WAL flush). The first batch
// of a quiet moment goes at once, so nothing waits on a timer; under load the statements grow and
// their number falls. A batch is answered only after the statement holding its rows committed,
// with its own count of rows written (a client's repeat of an earlier event is skipped, and a
// repeat across two batches of one statement counts for the first). Should a combined statement
// fail, its batches are retried one by one, so one batch cannot fail the others.

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
 * `insert` writes rows, skipping keys already stored, and returns the keys it wrote. At most
 * `maxRows` rows go in one statement (a single larger batch goes alone) and at most `concurrency`
 * statements are in flight.
 */
export function createInsertCoalescer<R extends KeyedRow>(insert: (rows: R[]) => Promise<Set<string>>, opts: { maxRows: number; concurrency: number }): InsertCoalescer<R> {
  const queue: Waiting<R>[] = [];
  let inFlight = 0;

  /** Each batch's share of the written keys, in arrival order. */
  function settle(group: Waiting<R>[], written: Set<string>) {
    for (const w of group) {
      let n = 0;
      for (const r of w.rows) if (written.delete(r.dedupe_key)) n++;
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
