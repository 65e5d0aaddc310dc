import { parseJsonPointer } from './fieldPath';
import { FieldProblem, SchemaError } from './types';

function isSchemaError(value: unknown): value is SchemaError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SchemaError).instancePath === 'string' &&
    typeof (value as SchemaError).keyword === 'string'
  );
}

/**
 * The ajv errors carried by an error thrown from a model's `validate()`, or
 * undefined when the error is something else.
 */
export function getSchemaErrors(error: unknown): SchemaError[] | undefined {
  const errors = (error as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors) && errors.every(isSchemaError)) {
    return errors;
  }
  return undefined;
}

function typesOf(error: SchemaError): string[] {
  const type = error.params.type;
  if (Array.isArray(type)) {
    return type.map(String);
  }
  return typeof type === 'string' ? [type] : [];
}

function describe(error: SchemaError): { extra?: string; message: string } {
  switch (error.keyword) {
    case 'required':
      return {
        extra: String(error.params.missingProperty),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        extra: String(error.params.additionalProperty),
        message: 'is not a known field',
      };
    case 'enum': {
      const allowed = error.params.allowedValues;
      return {
        message: Array.isArray(allowed)
          ? `must be one of: ${allowed.map(String).join(', ')}`
          : 'must be one of the allowed values',
      };
    }
    case 'type':
      return { message: `must be ${typesOf(error).join(' or ')}` };
    default:
      return { message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/**
 * Turns the ajv errors of a kubernetes-models validator into one readable
 * problem per field.
 *
 * ajv reports a field that fails a `oneOf`/`anyOf` (such as an IntOrString
 * `targetPort`) as one error per branch plus the `oneOf` itself; those are
 * merged into a single `must be integer or string`.
 */
export function schemaErrorsToProblems(
  errors: ReadonlyArray<SchemaError>,
): FieldProblem[] {
  const combinators = new Set(
    errors
      .filter(e => e.keyword === 'oneOf' || e.keyword === 'anyOf')
      .map(e => e.instancePath),
  );
  const mergedTypes = new Map<string, Set<string>>();
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();

  const add = (path: Array<string | number>, message: string) => {
    const key = JSON.stringify([path, message]);
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ path, message });
    }
  };

  for (const error of errors) {
    if (combinators.has(error.instancePath) && error.keyword === 'type') {
      const types = mergedTypes.get(error.instancePath) ?? new Set<string>();
      typesOf(error).forEach(t => types.add(t));
      mergedTypes.set(error.instancePath, types);
      continue;
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      continue;
    }
    const { extra, message } = describe(error);
    const path = parseJsonPointer(error.instancePath);
    add(extra === undefined ? path : [...path, extra], message);
  }

  for (const instancePath of combinators) {
    const types = mergedTypes.get(instancePath);
    const path = parseJsonPointer(instancePath);
    if (types && types.size > 0) {
      add(path, `must be ${[...types].sort().join(' or ')}`);
    } else if (!problems.some(p => startsWith(p.path, path))) {
      add(path, 'does not match any of the allowed forms');
    }
  }

  return problems;
}

function startsWith(
  path: ReadonlyArray<string | number>,
  prefix: ReadonlyArray<string | number>,
) {
  return prefix.every((segment, i) => path[i] === segment);
}
