/**
 * Turns a JSON Pointer (an ajv `instancePath` such as
 * `/spec/template/spec/containers/0/ports/0/containerPort`) into path segments.
 * All-digit segments become array indices.
 */
export function parseJsonPointer(pointer: string): Array<string | number> {
  if (pointer === '') {
    return [];
  }
  return pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(segment => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Renders path segments the way people write them in Kubernetes docs and
 * kubectl errors: `spec.template.spec.containers[0].ports[0].containerPort`,
 * with keys that are not plain words quoted, e.g.
 * `metadata.labels["app.kubernetes.io/name"]`.
 */
export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (PLAIN_KEY.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}
