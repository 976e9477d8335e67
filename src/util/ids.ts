/**
 * The ids of a file's rows, as a set, worked out once per array of rows: the cross-file rules of
 * `conclave validate` (references, seating.csv, attendance) each need the delegates' ids, and a
 * set of 100,000 of them costs some 25 ms to build. The rows are read-only once read, so an array
 * always has the same ids.
 */
export interface IdIndex {
  /** Every non-empty id. */
  ids: ReadonlySet<string>;
  /** The ids that more than one row holds (an error `duplicate-id` reports), or undefined when none does. */
  repeated: ReadonlySet<string> | undefined;
}

const memo = new WeakMap<readonly { id: string }[], IdIndex>();

export function idIndex(rows: readonly { id: string }[]): IdIndex {
  let index = memo.get(rows);
  if (!index) {
    const builder = idIndexBuilder();
    for (const r of rows) builder.add(r.id);
    index = builder.done(rows);
  }
  return index;
}

/**
 * An IdIndex built by a caller that reads the rows' ids anyway (`checkIds`, the first rule to
 * run): each pass over 100,000 rows read from all over the heap costs more than its work.
 */
export function idIndexBuilder() {
  const ids = new Set<string>();
  let repeated: Set<string> | undefined;
  return {
    add(id: string): void {
      if (!id) return;
      if (!ids.has(id)) ids.add(id);
      else {
        repeated ??= new Set();
        repeated.add(id);
      }
    },
    /** The index, remembered for `rows` (whose ids were all added). */
    done(rows: readonly { id: string }[]): IdIndex {
      const index = { ids, repeated };
      memo.set(rows, index);
      return index;
    },
  };
}
