import type { FleetRow } from './fleetRows';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or
 * leading/trailing space, with quotes doubled. Text that a spreadsheet would run as
 * a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
 * Numbers are written as they are; `undefined` is an empty field.
 */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const round = (value: number | undefined, digits: number) =>
  value === undefined ? undefined : Number(value.toFixed(digits));

const COLUMNS: Array<{
  header: string;
  value: (row: FleetRow) => string | number | boolean | undefined;
}> = [
  { header: 'cluster', value: r => r.name },
  { header: 'title', value: r => r.title },
  { header: 'region', value: r => r.region },
  { header: 'account', value: r => r.accountId },
  { header: 'kubernetes_version', value: r => r.kubernetesVersion },
  { header: 'support_phase', value: r => r.phase },
  { header: 'days_left_in_phase', value: r => r.daysLeft },
  { header: 'next_deadline', value: r => r.nextDeadline },
  {
    header: 'spot_cpu_share_percent',
    value: r => round(r.spotCpuShare && r.spotCpuShare * 100, 1),
  },
  { header: 'spot_nodes', value: r => r.spotNodes },
  { header: 'nodes', value: r => r.nodes },
  {
    header: 'requested_cpu_cores',
    value: r => round(r.requestedCpuMillis && r.requestedCpuMillis / 1000, 3),
  },
  {
    header: 'allocatable_cpu_cores',
    value: r =>
      round(r.allocatableCpuMillis && r.allocatableCpuMillis / 1000, 3),
  },
  {
    header: 'requested_memory_gib',
    value: r =>
      round(r.requestedMemoryBytes && r.requestedMemoryBytes / 2 ** 30, 2),
  },
  {
    header: 'allocatable_memory_gib',
    value: r =>
      round(r.allocatableMemoryBytes && r.allocatableMemoryBytes / 2 ** 30, 2),
  },
  { header: 'least_free_subnet', value: r => r.leastFreeSubnetId },
  { header: 'least_free_subnet_zone', value: r => r.leastFreeZone },
  { header: 'least_free_subnet_free_ips', value: r => r.leastFreeAddresses },
  {
    header: 'least_free_subnet_usable_ips',
    value: r => r.leastUsableAddresses,
  },
  { header: 'additional_pods_fit', value: r => r.additionalPods },
  { header: 'days_to_ip_exhaustion', value: r => round(r.daysToExhaustion, 1) },
  { header: 'ip_forecast', value: r => r.forecastStatus },
  {
    header: 'pods_failing_ip_assignment',
    value: r => r.podsFailingIpAssignment,
  },
  { header: 'eks_auto_mode', value: r => r.autoMode },
  { header: 'fewest_free_prefix_blocks', value: r => r.freePrefixBlocks },
  { header: 'collected_at', value: r => r.collectedAt },
  { header: 'stale', value: r => r.stale },
  { header: 'partial_sources', value: r => r.partial.join(' ') || undefined },
  { header: 'last_error', value: r => r.lastError },
  { header: 'last_error_at', value: r => r.lastErrorAt },
];

/**
 * The fleet table as CSV for a capacity review: a header line and one line per
 * cluster, CRLF line ends (RFC 4180), raw numbers (percent, cores, GiB) rather than
 * the table's rounded text.
 */
export function toCsv(rows: FleetRow[]): string {
  const lines = [
    COLUMNS.map(c => c.header).join(','),
    ...rows.map(row => COLUMNS.map(c => csvField(c.value(row))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
