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
  const matchExpressions: NonNullable<KubeLabelSelector['matchExpressions']> =
    [];
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
  const rules: Array<[RegExp, (m: RegExpExecArray) => void]> = [
    [
      new RegExp(`^${KEY}\\s*(==|=)\\s*${VALUE}$`),
      m => {
        matchLabels[m[1]] = m[3];
      },
    ],
    [
      new RegExp(`^${KEY}\\s*!=\\s*${VALUE}$`),
      m =>
        matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[2]] }),
    ],
    [
      new RegExp(`^${KEY}\\s+(in|notin)\\s*\\(([^)]*)\\)$`),
      m =>
        matchExpressions.push({
          key: m[1],
          operator: m[2] === 'in' ? 'In' : 'NotIn',
          values: m[3]
            .split(',')
            .map(v => v.trim())
            .filter(Boolean),
        }),
    ],
    [
      new RegExp(`^!\\s*${KEY}$`),
      m => matchExpressions.push({ key: m[1], operator: 'DoesNotExist' }),
    ],
    [
      new RegExp(`^${KEY}$`),
      m => matchExpressions.push({ key: m[1], operator: 'Exists' }),
    ],
  ];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    const matched = rules.some(([pattern, apply]) => {
      const m = pattern.exec(part);
      if (m) apply(m);
      return !!m;
    });
    if (!matched) {
      throw new Error(`'${part}' is not a label selector requirement`);
    }
  }
  return { matchLabels, matchExpressions };
}
