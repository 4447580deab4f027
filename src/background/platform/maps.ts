// Small in-memory records of the background that must not grow without end.

/** Drops the oldest entries (in insertion order) until `map` holds at most `max`. */
export function keepNewest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
