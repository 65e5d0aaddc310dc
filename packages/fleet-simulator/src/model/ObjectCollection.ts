/** A Kubernetes object as the simulator serves it (JSON). */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/**
 * The objects of one resource in one cluster, in list order (namespace, then name), addressed by
 * index so that pages can be served, and continued, without building the whole list. A collection
 * may build its objects on demand (see GeneratedPodCollection).
 */
export interface ObjectCollection {
  size(): number;
  get(index: number): KubeObject;
  /** The index range [start, end) of one namespace's objects. */
  namespaceRange(namespace: string): [number, number];
  /** Indices of the objects bound to one node (pods), in order, if the collection can do better than a scan. */
  indicesOnNode?(nodeName: string, from: number): Iterable<number>;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (ka < kb) return -1;
  if (ka > kb) return 1;
  return 0;
}

/** A collection held as an array of objects, kept sorted; used for every small cluster. */
export class ArrayCollection implements ObjectCollection {
  private items: KubeObject[];
  private ranges = new Map<string, [number, number]>();
  private byNode?: Map<string, number[]>;

  constructor(items: KubeObject[]) {
    this.items = [...items].sort(compareKeys);
    this.reindex();
  }

  private reindex() {
    this.ranges.clear();
    this.byNode = undefined;
    this.items.forEach((item, i) => {
      const ns = item.metadata.namespace ?? '';
      const range = this.ranges.get(ns);
      if (range) {
        range[1] = i + 1;
      } else {
        this.ranges.set(ns, [i, i + 1]);
      }
    });
  }

  size() {
    return this.items.length;
  }

  get(index: number) {
    return this.items[index];
  }

  find(namespace: string | undefined, name: string): KubeObject | undefined {
    const [start, end] = this.namespaceRange(namespace ?? '');
    for (let i = start; i < end; i++) {
      if (this.items[i].metadata.name === name) return this.items[i];
    }
    return undefined;
  }

  namespaceRange(namespace: string): [number, number] {
    return this.ranges.get(namespace) ?? [0, 0];
  }

  indicesOnNode(nodeName: string, from: number): Iterable<number> {
    if (!this.byNode) {
      const byNode = new Map<string, number[]>();
      this.items.forEach((item, i) => {
        const node = (item as { spec?: { nodeName?: string } }).spec?.nodeName;
        if (node) {
          const list = byNode.get(node) ?? [];
          list.push(i);
          byNode.set(node, list);
        }
      });
      this.byNode = byNode;
    }
    return (this.byNode.get(nodeName) ?? []).filter(i => i >= from);
  }

  add(item: KubeObject) {
    this.items.push(item);
    this.items.sort(compareKeys);
    this.reindex();
  }
}
