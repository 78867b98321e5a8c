/**
 * A pure function of a string, remembered: the same replies, reports, names and words recur across thousands of
 * encounters. The memory is dropped whole when it holds `limit` results, which bounds it without bookkeeping
 * per hit (a recency list would cost more than most of the functions it saves). Results are shared between
 * callers, so a function returning an array or object must hand it out as read-only.
 */
export function memoByString<V>(fn: (text: string) => V, limit: number): (text: string) => V {
  const remembered = new Map<string, V>();
  return (text) => {
    let hit = remembered.get(text);
    if (hit === undefined) {
      if (remembered.size >= limit) remembered.clear();
      remembered.set(text, (hit = fn(text)));
    }
    return hit;
  };
}
