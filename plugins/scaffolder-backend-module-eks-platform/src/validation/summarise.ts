import { ManifestProblem, ValidationReport } from './types';

/** How many problems the one-line summary names before saying "and N more". */
const NAMED_IN_SUMMARY = 3;

function plural(count: number, one: string, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * One problem on one line, e.g.
 * `manifests/base/deployment.yaml:9 Deployment/payments spec.replicas: must be integer`.
 *
 * @public
 */
export function describeProblem(problem: ManifestProblem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}`;
  let object = '';
  if (problem.kind) {
    object = problem.name
      ? `${problem.kind}/${problem.name} `
      : `${problem.kind} `;
  }
  const field = problem.field ? `${problem.field}: ` : '';
  return `${where} ${object}${field}${problem.message}`;
}

/**
 * The one-line outcome of a validation run, naming the first few failures,
 * e.g. `2 of 12 manifests are invalid: base/deployment.yaml:9 Deployment/payments
 * spec.replicas: must be integer, ...`.
 *
 * @public
 */
export function summarise(report: ValidationReport): string {
  const { documentsChecked, filesChecked, errors, warnings } = report;
  if (errors.length === 0) {
    const checked = `${plural(documentsChecked, 'manifest')} in ${plural(
      filesChecked,
      'file',
    )}`;
    const warned =
      warnings.length > 0 ? ` (${plural(warnings.length, 'warning')})` : '';
    if (documentsChecked === 0) {
      return `No manifests found (${plural(filesChecked, 'YAML file')} read)`;
    }
    return `${checked} ${documentsChecked === 1 ? 'is' : 'are'} valid${warned}`;
  }
  const named = errors.slice(0, NAMED_IN_SUMMARY).map(describeProblem);
  const more = errors.length - named.length;
  return `${report.invalidDocuments} of ${plural(
    documentsChecked,
    'manifest',
  )} ${report.invalidDocuments === 1 ? 'is' : 'are'} invalid: ${named.join(
    ', ',
  )}${more > 0 ? `, and ${plural(more, 'more problem')}` : ''}`;
}
