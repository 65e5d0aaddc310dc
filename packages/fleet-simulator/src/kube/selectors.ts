import { KubeObject } from '../model/ObjectCollection';

type Requirement =
  | { key: string; op: 'eq' | 'neq'; values: string[] }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists'; values: [] };

/** A parse error in a selector (the API answers 400 BadRequest). */
export class SelectorError extends Error {}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map(p => p.trim()).filter(p => p !== '');
}

/** Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function parseLabelSelector(text: string): Requirement[] {
  return splitTopLevel(text).map(part => {
    let m = part.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (m) {
      return {
        key: m[1],
        op: m[2] as 'in' | 'notin',
        values: m[3]
          .split(',')
          .map(v => v.trim())
          .filter(v => v !== ''),
      };
    }
    m = part.match(/^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/);
    if (m) {
      return { key: m[1], op: m[2] === '!=' ? 'neq' : 'eq', values: [m[3]] };
    }
    m = part.match(/^!\s*([^\s!=]+)$/);
    if (m) return { key: m[1], op: 'notexists', values: [] };
    m = part.match(/^([^\s!=()]+)$/);
    if (m) return { key: m[1], op: 'exists', values: [] };
    throw new SelectorError(`unable to parse requirement: ${part}`);
  });
}

/** Parses a field selector: `a=b`, `a==b`, `a!=b`, comma-separated. */
export function parseFieldSelector(text: string): Requirement[] {
  return splitTopLevel(text).map(part => {
    const m = part.match(/^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new SelectorError(`invalid field selector: ${part}`);
    return {
      key: m[1],
      op: m[2] === '!=' ? 'neq' : 'eq',
      values: [m[3].trim()],
    };
  });
}

function matches(req: Requirement, value: string | undefined): boolean {
  switch (req.op) {
    case 'eq':
      return (value ?? '') === req.values[0];
    case 'neq':
      return (value ?? '') !== req.values[0];
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return value !== undefined;
    default:
      return value === undefined;
  }
}

export function matchesLabels(
  object: KubeObject,
  reqs: Requirement[],
): boolean {
  const labels = object.metadata.labels ?? {};
  return reqs.every(req => matches(req, labels[req.key]));
}

function fieldValue(object: KubeObject, path: string): string | undefined {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return undefined;
  return String(current);
}

export function matchesFields(
  object: KubeObject,
  reqs: Requirement[],
): boolean {
  return reqs.every(req => matches(req, fieldValue(object, req.key)));
}

/** The node a field selector pins the list to (`spec.nodeName=x`), if any. */
export function nodeNameOf(reqs: Requirement[]): string | undefined {
  const req = reqs.find(x => x.key === 'spec.nodeName' && x.op === 'eq');
  return req?.values[0] || undefined;
}

export type { Requirement };
