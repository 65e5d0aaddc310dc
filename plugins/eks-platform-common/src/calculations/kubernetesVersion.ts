/**
 * A parsed Kubernetes version.
 *
 * @public
 */
export type KubernetesVersion = {
  major: number;
  minor: number;
  patch?: number;
};

/**
 * Parses `1.31`, `v1.31.7`, `v1.31.7-eks-473151a` or `1.31.7-eks-2025`; `undefined`
 * for anything else.
 *
 * @public
 */
export function parseKubernetesVersion(
  text: string | undefined,
): KubernetesVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(
    (text ?? '').trim(),
  );
  if (!match) {
    return undefined;
  }
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: match[3] === undefined ? undefined : Number(match[3]),
  };
}

/**
 * `major.minor` of a version text, e.g. `v1.31.7-eks-473151a` → `1.31`.
 *
 * @public
 */
export function minorVersionOf(text: string | undefined): string | undefined {
  const v = parseKubernetesVersion(text);
  return v ? `${v.major}.${v.minor}` : undefined;
}

/**
 * Compares two `major.minor[.patch]` texts numerically (negative, 0, positive);
 * unparseable texts sort first.
 *
 * @public
 */
export function compareKubernetesVersions(a: string, b: string): number {
  const x = parseKubernetesVersion(a);
  const y = parseKubernetesVersion(b);
  if (!x || !y) {
    return (x ? 1 : 0) - (y ? 1 : 0);
  }
  return (
    x.major - y.major || x.minor - y.minor || (x.patch ?? 0) - (y.patch ?? 0)
  );
}

/**
 * The next minor version, e.g. `1.31` → `1.32`.
 *
 * @public
 */
export function nextMinorVersion(text: string): string | undefined {
  const v = parseKubernetesVersion(text);
  return v ? `${v.major}.${v.minor + 1}` : undefined;
}
