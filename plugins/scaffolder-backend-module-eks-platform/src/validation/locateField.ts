import { Document, isMap, isScalar, isSeq, LineCounter, Node } from 'yaml';

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * The 1-based line of a field in a parsed YAML document: the line of its key
 * for a mapping entry, of the item for a sequence entry. For a field that does
 * not exist (a missing required property) it is the line of the closest
 * parent that does.
 */
export function locateField(
  doc: Document.Parsed,
  path: ReadonlyArray<string | number>,
  lineCounter: LineCounter,
): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        p => (isScalar(p.key) ? p.key.value : p.key) === segment,
      );
      if (!pair) {
        break;
      }
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) {
        break;
      }
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
