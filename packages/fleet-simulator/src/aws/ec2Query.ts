import { randomUUID } from 'node:crypto';
import type { SubnetFacts } from '../model/ClusterModel';
import { AwsApiError } from './pagination';

// The EC2 query protocol: form parameters in, XML out.

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | XmlValue[]
  | { [key: string]: XmlValue };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    c =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[
        c
      ]!),
  );
}

/** EC2 query-protocol XML: objects become elements, arrays become `<item>` lists. */
export function toXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value))
    return value.map(v => `<item>${toXml(v)}</item>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function ec2Response(
  action: string,
  body: Record<string, XmlValue>,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}"><requestId>${randomUUID()}</requestId>${toXml(
    body,
  )}</${action}Response>`;
}

export function ec2Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(
    code,
  )}</Code><Message>${escapeXml(
    message,
  )}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;
}

/** `Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1` -> [{ name: 'vpc-id', values: ['vpc-1'] }]. */
export function filtersOf(
  params: URLSearchParams,
): { name: string; values: string[] }[] {
  const filters = new Map<string, { name: string; values: string[] }>();
  for (const [key, value] of params) {
    const m = key.match(/^Filter\.(\d+)\.(Name|Value\.(\d+))$/);
    if (!m) continue;
    const f = filters.get(m[1]) ?? { name: '', values: [] };
    if (m[2] === 'Name') f.name = value;
    else f.values.push(value);
    filters.set(m[1], f);
  }
  return [...filters.values()];
}

export function listParam(params: URLSearchParams, prefix: string): string[] {
  return [...params]
    .filter(([k]) => new RegExp(`^${prefix}\\.\\d+$`).test(k))
    .sort(
      (a, b) => Number(a[0].split('.').pop()) - Number(b[0].split('.').pop()),
    )
    .map(([, v]) => v);
}

export function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}

export function intParam(
  params: URLSearchParams,
  name: string,
): number | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n))
    throw new AwsApiError(
      400,
      'InvalidParameterValue',
      `Value (${text}) for parameter ${name} is invalid.`,
    );
  return n;
}

/**
 * Whether an item passes every filter: `valuesOf` gives the item's values for a filter name
 * (undefined: EC2 does not know the filter, a 400), and a filter passes when one of its values
 * (with `*` and `?` wildcards) matches one of them.
 */
export function matchesFilters(
  filters: { name: string; values: string[] }[],
  valuesOf: (name: string) => string[] | undefined,
): boolean {
  return filters.every(f => {
    const values = valuesOf(f.name);
    if (values === undefined) {
      throw new AwsApiError(
        400,
        'InvalidParameterValue',
        `The filter '${f.name}' is invalid`,
      );
    }
    return f.values.some(p => values.some(v => wildcard(p, v)));
  });
}

/** Where a subnet or what lives in it is, as EC2 filters name it (`vpc-id`, `subnet-id`, ...). */
export function subnetPlaceValues(
  name: string,
  s: SubnetFacts,
): string[] | undefined {
  switch (name) {
    case 'vpc-id':
      return [s.vpcId];
    case 'subnet-id':
      return [s.id];
    case 'availability-zone':
      return [s.zone];
    case 'owner-id':
      return [s.accountId];
    default:
      return undefined;
  }
}
