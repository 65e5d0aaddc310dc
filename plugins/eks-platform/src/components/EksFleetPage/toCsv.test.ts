import {
  END_OF_EXTENDED_1_31,
  fleetOverviews,
  isoFrom,
  legacyEuWest1,
  prodApSouth1,
  stagingEuWest1,
} from '../../testUtils';
import { toFleetRow } from './fleetRows';
import { csvField, toCsv } from './toCsv';

function parseLine(line: string): string[] {
  // a small RFC 4180 reader for the assertions
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function table(csv: string): Record<string, string>[] {
  const lines = csv.split('\r\n').filter(Boolean);
  const header = parseLine(lines[0]);
  return lines
    .slice(1)
    .map(line =>
      Object.fromEntries(parseLine(line).map((v, i) => [header[i], v])),
    );
}

describe('csvField', () => {
  it('leaves plain text and numbers alone and writes undefined as empty', () => {
    expect(csvField('staging-eu-west-1')).toBe('staging-eu-west-1');
    expect(csvField(0.8)).toBe('0.8');
    expect(csvField(0)).toBe('0');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling quotes', () => {
    expect(csvField('Production EU (spot-heavy), Ireland')).toBe(
      '"Production EU (spot-heavy), Ireland"',
    );
    expect(csvField('the "legacy" cluster')).toBe('"the ""legacy"" cluster"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(
      `"'=HYPERLINK(""http://evil"")"`,
    );
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });
});

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated line per cluster', () => {
    const csv = toCsv(fleetOverviews.map(toFleetRow));

    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(fleetOverviews.length + 2);
    expect(lines[lines.length - 1]).toBe('');
    expect(lines[0]).toBe(
      'cluster,title,region,account,kubernetes_version,support_phase,days_left_in_phase,next_deadline,spot_cpu_share_percent,spot_nodes,nodes,requested_cpu_cores,allocatable_cpu_cores,requested_memory_gib,allocatable_memory_gib,least_free_subnet,least_free_subnet_zone,least_free_subnet_free_ips,least_free_subnet_usable_ips,additional_pods_fit,days_to_ip_exhaustion,ip_forecast,pods_failing_ip_assignment,eks_auto_mode,fewest_free_prefix_blocks,collected_at,stale,partial_sources,last_error,last_error_at',
    );
  });

  it('writes the raw figures a review needs', () => {
    const rows = table(
      toCsv([stagingEuWest1, legacyEuWest1, prodApSouth1].map(toFleetRow)),
    );

    expect(rows[0]).toMatchObject({
      cluster: 'staging-eu-west-1',
      title: 'Staging EU',
      region: 'eu-west-1',
      account: '222233334444',
      kubernetes_version: '1.33',
      support_phase: 'extended',
      spot_cpu_share_percent: '80',
      spot_nodes: '4',
      nodes: '6',
      requested_cpu_cores: '5.15',
      allocatable_cpu_cores: '9.72',
      least_free_subnet: 'subnet-0b2c3d4e5f6a7b404',
      least_free_subnet_free_ips: '3',
      least_free_subnet_usable_ips: '251',
      days_to_ip_exhaustion: '1.6',
      ip_forecast: 'exhausting',
      pods_failing_ip_assignment: '6',
      collected_at: isoFrom(END_OF_EXTENDED_1_31, -5, '23:42:00.000'),
      stale: 'false',
      last_error: '',
    });
    expect(rows[1]).toMatchObject({
      cluster: 'legacy-eu-west-1',
      kubernetes_version: '1.31',
      days_left_in_phase: '5',
      next_deadline: '2026-11-26',
      spot_cpu_share_percent: '0',
      days_to_ip_exhaustion: '',
      ip_forecast: 'not-enough-history',
    });
    expect(rows[2]).toMatchObject({
      cluster: 'prod-ap-south-1',
      title: 'Production AP (custom networking)',
      stale: 'true',
      partial_sources: 'ec2',
      last_error: 'EC2 DescribeSubnets was throttled (RequestLimitExceeded)',
      least_free_subnet: '',
    });
  });

  it('writes only the header for an empty fleet', () => {
    expect(toCsv([]).split('\r\n')).toHaveLength(2);
  });
});
