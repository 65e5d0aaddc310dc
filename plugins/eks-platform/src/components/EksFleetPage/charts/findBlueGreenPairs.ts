/**
 * A blue/green pair of clusters: names sharing a stem with `-blue` and `-green`
 * suffixes, e.g. `checkout-blue` and `checkout-green`.
 */
export type BlueGreenPair<T> = { stem: string; blue: T; green: T };

/** The blue/green pairs among clusters, by stem; a lone half is no pair. */
export function findBlueGreenPairs<T extends { name: string }>(
  clusters: T[],
): BlueGreenPair<T>[] {
  const halves = new Map<string, { blue?: T; green?: T }>();
  for (const cluster of clusters) {
    const match = /^(.+)-(blue|green)$/.exec(cluster.name);
    if (!match) continue;
    const [, stem, colour] = match;
    const entry = halves.get(stem) ?? {};
    entry[colour as 'blue' | 'green'] = cluster;
    halves.set(stem, entry);
  }
  return [...halves.entries()]
    .filter(([, h]) => h.blue && h.green)
    .map(([stem, h]) => ({ stem, blue: h.blue!, green: h.green! }))
    .sort((a, b) => a.stem.localeCompare(b.stem));
}
