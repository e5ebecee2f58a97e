/** Orders a batch query's rows by the keys DataLoader asked for; missing keys get null. */
export function byKeys<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): Array<T | null> {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups a batch query's rows by key, in the order DataLoader asked; missing keys get []. */
export function groupByKeys<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Groups rows that carry several keys (a uuid[] column) under every asked key they contain. */
export function groupByArray<K, T>(keys: readonly K[], rows: T[], keysOf: (row: T) => readonly K[]): T[][] {
  const map = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) for (const k of keysOf(row)) map.get(k)?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}
