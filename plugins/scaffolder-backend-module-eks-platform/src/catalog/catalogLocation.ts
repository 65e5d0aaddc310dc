import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** The `file` location target the catalog must read new components from. */
export function catalogLocationTarget(catalogDirectory: string): string {
  return join(catalogDirectory, '*', 'catalog-info.yaml');
}

/**
 * The entity ref of the Location entity the catalog makes from a `catalog.locations` entry of
 * type `file` (named `generated-<sha1 of "file:<absolute target>">`).
 */
export function configLocationEntityRef(target: string): string {
  const hash = createHash('sha1').update(`file:${target}`).digest('hex');
  return `location:default/generated-${hash}`;
}
