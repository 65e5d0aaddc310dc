import type { KubeLabelSelector } from '@eks-platform/plugin-eks-platform-common';

/**
 * Parses a Kubernetes label selector in its text form, as written in the
 * `backstage.io/kubernetes-label-selector` annotation: `a=b`, `a==b`, `a!=b`,
 * `a in (x, y)`, `a notin (x)`, `a`, `!a`, comma separated.
 *
 * @throws Error for text that is not a label selector.
 */
export function parseLabelSelector(text: string): KubeLabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<KubeLabelSelector['matchExpressions']> = [];
  // Split on commas outside parentheses.
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
  parts.push(current);
  const KEY = '([A-Za-z0-9][-A-Za-z0-9_./]*)';
  const VALUE = '([-A-Za-z0-9_.]*)';
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^${KEY}\\s*(==|=)\\s*${VALUE}$`).exec(part))) {
      matchLabels[m[1]] = m[3];
    } else if ((m = new RegExp(`^${KEY}\\s*!=\\s*${VALUE}$`).exec(part))) {
      matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[2]] });
    } else if (
      (m = new RegExp(`^${KEY}\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(part))
    ) {
      const values = m[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      matchExpressions.push({
        key: m[1],
        operator: m[2] === 'in' ? 'In' : 'NotIn',
        values,
      });
    } else if ((m = new RegExp(`^!\\s*${KEY}$`).exec(part))) {
      matchExpressions.push({ key: m[1], operator: 'DoesNotExist' });
    } else if ((m = new RegExp(`^${KEY}$`).exec(part))) {
      matchExpressions.push({ key: m[1], operator: 'Exists' });
    } else {
      throw new Error(`'${part}' is not a label selector requirement`);
    }
  }
  return { matchLabels, matchExpressions };
}
