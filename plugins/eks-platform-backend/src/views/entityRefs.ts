import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const validator = makeValidator();

const RULES =
  'kind:namespace/name, where the kind is letters and digits, and the namespace and name are ' +
  'letters, digits, "-", "_" and "." (at most 63 characters, starting and ending with a letter or digit)';

/**
 * The ref in its full `kind:namespace/name` form, checked with the catalog's own naming rules,
 * so a ref the catalog would reject gets our 400 instead of the catalog's error.
 *
 * @throws InputError for a malformed ref.
 */
export function normalizeEntityRef(entityRef: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(entityRef);
  } catch (error) {
    throw new InputError(`Invalid entityRef: ${(error as Error).message}`);
  }
  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace.toLocaleLowerCase('en-US')) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    throw new InputError(`Invalid entityRef: it must be ${RULES}`);
  }
  return stringifyEntityRef(parsed);
}

/** Our own InputError for a ref the catalog refused (400), instead of its error nested in ours. */
export function catalogRejection(error: unknown): InputError | undefined {
  const e = error as { name?: string; statusCode?: number };
  if (e?.name === 'InputError' || e?.statusCode === 400) {
    return new InputError(`Invalid entityRef: the catalog does not accept it`);
  }
  return undefined;
}
