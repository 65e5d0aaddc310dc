import type { KubeQuantity } from './types';

/*
 * Kubernetes resource quantities.
 *
 * Source: the grammar in kubernetes/apimachinery `pkg/api/resource/quantity.go`
 * (doc comment of `Quantity`):
 *   <quantity> ::= <signedNumber><suffix>
 *   <suffix>   ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI> ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI> ::= n | u | m | "" | k | M | G | T | P | E
 *   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
 * `Quantity.Value()` and `MilliValue()` round up to the next integer, which is what
 * `kubectl describe node` shows; we do the same, exactly (BigInt), so `0.1 + 0.2`
 * style float errors never reach a capacity figure.
 */

const BINARY_SI: Record<string, number> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};

const DECIMAL_SI: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;

/** value = sign * digits * 10^exp10 * 2^exp2 */
type ExactQuantity = { digits: bigint; exp10: number; exp2: number };

function parseExact(quantity: KubeQuantity): ExactQuantity {
  const text = typeof quantity === 'number' ? numberToText(quantity) : quantity;
  const match = QUANTITY.exec(String(text).trim());
  if (!match) {
    throw new Error(`"${quantity}" is not a Kubernetes quantity`);
  }
  const [, sign, number, suffix] = match;
  const [whole, fraction = ''] = number.split('.');
  let digits = BigInt(`${whole || '0'}${fraction}` || '0');
  if (sign === '-') {
    digits = -digits;
  }
  let exp10 = -fraction.length;
  let exp2 = 0;
  const exponent = EXPONENT.exec(suffix);
  if (suffix in BINARY_SI) {
    exp2 = BINARY_SI[suffix];
  } else if (suffix in DECIMAL_SI) {
    exp10 += DECIMAL_SI[suffix];
  } else if (exponent) {
    const e = Number(exponent[1]);
    if (Math.abs(e) > 100) {
      throw new Error(`"${quantity}" has an out-of-range exponent`);
    }
    exp10 += e;
  } else {
    throw new Error(`"${quantity}" has an unknown suffix "${suffix}"`);
  }
  return { digits, exp10, exp2 };
}

function numberToText(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} is not a Kubernetes quantity`);
  }
  // Exponent notation from toString (1e+21) is valid quantity syntax once the '+' is kept.
  return String(value);
}

function ceilScaled(q: ExactQuantity, scale10: number): bigint {
  const n = q.digits * (BigInt(1) << BigInt(q.exp2));
  const k = q.exp10 + scale10;
  if (k >= 0) {
    return n * BigInt(10) ** BigInt(k);
  }
  const d = BigInt(10) ** BigInt(-k);
  const quotient = n / d; // truncates toward zero
  return n % d !== BigInt(0) && n > 0 ? quotient + BigInt(1) : quotient;
}

/**
 * Parses a Kubernetes quantity to a number in base units (cores for CPU, bytes for
 * memory, a count for pods): `100m` → 0.1, `512Mi` → 536870912, `1G` → 1e9,
 * `2e3` → 2000. Throws an `Error` for text that is not a quantity.
 *
 * Source: kubernetes/apimachinery `pkg/api/resource/quantity.go`.
 *
 * @public
 */
export function parseQuantity(quantity: KubeQuantity): number {
  const q = parseExact(quantity);
  const scaled =
    q.exp10 < 0
      ? Number(q.digits) / 10 ** -q.exp10
      : Number(q.digits) * 10 ** q.exp10;
  return scaled * 2 ** q.exp2;
}

/**
 * Like {@link parseQuantity} but gives `undefined` for absent or malformed input.
 *
 * @public
 */
export function tryParseQuantity(
  quantity: KubeQuantity | undefined,
): number | undefined {
  if (quantity === undefined || quantity === '') {
    return undefined;
  }
  try {
    return parseQuantity(quantity);
  } catch {
    return undefined;
  }
}

/**
 * A quantity in billionths, rounded up: the API server keeps no finer precision, so sums
 * and maxima of these are exact, and callers round once, where Kubernetes rounds.
 *
 * @public
 */
export function quantityToNanos(quantity: KubeQuantity): bigint {
  return ceilScaled(parseExact(quantity), 9);
}

/**
 * A quantity in thousandths, rounded up, as `Quantity.MilliValue()` does: the
 * millicores of a CPU quantity (`1.5` → 1500, `100m` → 100, `1n` → 1).
 *
 * @public
 */
export function quantityToMillis(quantity: KubeQuantity): number {
  return Number(ceilScaled(parseExact(quantity), 3));
}

/**
 * A quantity as a whole number, rounded up, as `Quantity.Value()` does: bytes of a
 * memory quantity (`1Gi` → 1073741824, `1G` → 1000000000), or a count.
 *
 * @public
 */
export function quantityToUnits(quantity: KubeQuantity): number {
  return Number(ceilScaled(parseExact(quantity), 0));
}

/**
 * Formats millicores for people: `250m`, `2`, `1.5`.
 *
 * @public
 */
export function formatCpuMillis(millis: number): string {
  if (millis % 1000 === 0) {
    return String(millis / 1000);
  }
  if (millis < 1000) {
    return `${millis}m`;
  }
  return String(Math.round(millis) / 1000);
}

/**
 * Formats bytes with binary suffixes, one decimal: `512Mi`, `1.5Gi`, `3.8Ti`.
 *
 * @public
 */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${rounded}${units[unit]}`;
}
