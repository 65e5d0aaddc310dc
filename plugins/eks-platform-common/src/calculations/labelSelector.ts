import type { KubeLabelSelector } from './types';

/**
 * Whether a Kubernetes label selector selects a set of labels: every `matchLabels`
 * pair must be present, and every `matchExpressions` requirement must hold
 * (`In`, `NotIn`, `Exists`, `DoesNotExist`). An empty selector (`{}`) selects
 * everything; an absent one (`undefined`) selects nothing, which is how policy/v1
 * PodDisruptionBudgets treat them. An unknown operator selects nothing.
 *
 * Source: Kubernetes docs "Labels and Selectors" (set-based requirements);
 * `metav1.LabelSelectorAsSelector` semantics; PodDisruptionBudget policy/v1
 * ("an empty selector matches all pods in the namespace", "a null selector matches none").
 *
 * @public
 */
export function selectorMatches(
  selector: KubeLabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) {
    return false;
  }
  const actual = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (actual[key] !== value) {
      return false;
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(actual, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!has || !values.includes(actual[requirement.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(actual[requirement.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
