import type { ExplainedFigure } from './figure';
import type { CapacityFigures } from './spotCapacity';

/**
 * The share of allocatable CPU that pods request, 0..1: what the scheduler has already promised,
 * whatever the pods use. Undefined when nothing is allocatable.
 *
 * @public
 */
export function cpuRequestedShare(
  capacity: Pick<
    CapacityFigures,
    'allocatableCpuMillis' | 'requestedCpuMillis'
  >,
): ExplainedFigure | undefined {
  const { allocatableCpuMillis: allocatable, requestedCpuMillis: requested } =
    capacity;
  if (!(allocatable > 0)) return undefined;
  const value = requested / allocatable;
  return {
    value,
    formula: `${requested}m requested / ${allocatable}m allocatable = ${(
      value * 100
    ).toFixed(1)}%`,
    source:
      'Kubernetes resource management: the scheduler places pods by their requests against node allocatable',
  };
}
