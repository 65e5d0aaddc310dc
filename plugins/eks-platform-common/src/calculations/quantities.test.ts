import {
  formatBytes,
  formatCpuMillis,
  parseQuantity,
  quantityToMillis,
  quantityToUnits,
  tryParseQuantity,
} from './quantities';

describe('Kubernetes quantities', () => {
  it.each([
    ['100m', 0.1],
    ['1.5', 1.5],
    ['2', 2],
    ['.5', 0.5],
    ['512Mi', 512 * 1024 * 1024],
    ['1Gi', 1024 ** 3],
    ['1G', 1e9],
    ['2e3', 2000],
    ['1E', 1e18],
    ['1.5e-3', 0.0015],
    ['250u', 0.00025],
    ['+3k', 3000],
    ['-1', -1],
  ])('parses %s', (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 12);
  });

  it('accepts a bare JSON number', () => {
    expect(parseQuantity(4)).toBe(4);
    expect(quantityToMillis(0.25)).toBe(250);
  });

  it('gives millicores exactly, rounding up like MilliValue', () => {
    expect(quantityToMillis('100m')).toBe(100);
    expect(quantityToMillis('1.5')).toBe(1500);
    expect(quantityToMillis('0.1')).toBe(100);
    expect(quantityToMillis('1n')).toBe(1);
    expect(quantityToMillis('2e3')).toBe(2_000_000);
    // 0.1 + 0.2 summed as millis is exactly 300
    expect(quantityToMillis('0.1') + quantityToMillis('0.2')).toBe(300);
  });

  it('gives bytes exactly, rounding up like Value', () => {
    expect(quantityToUnits('512Mi')).toBe(536870912);
    expect(quantityToUnits('1.5Gi')).toBe(1610612736);
    expect(quantityToUnits('1G')).toBe(1_000_000_000);
    expect(quantityToUnits('128974848')).toBe(128974848);
    expect(quantityToUnits('129e6')).toBe(129_000_000);
    expect(quantityToUnits('100m')).toBe(1);
  });

  it('rejects text that is not a quantity', () => {
    expect(() => parseQuantity('1.5 GB')).toThrow(
      /not a Kubernetes quantity|unknown suffix/,
    );
    expect(() => parseQuantity('Mi')).toThrow(/not a Kubernetes quantity/);
    expect(() => parseQuantity('10KB')).toThrow(/unknown suffix "KB"/);
    expect(tryParseQuantity('lots')).toBeUndefined();
    expect(tryParseQuantity(undefined)).toBeUndefined();
    expect(tryParseQuantity('64Mi')).toBe(64 * 1024 * 1024);
  });

  it('formats figures for people', () => {
    expect(formatCpuMillis(250)).toBe('250m');
    expect(formatCpuMillis(2000)).toBe('2');
    expect(formatCpuMillis(1500)).toBe('1.5');
    expect(formatBytes(536870912)).toBe('512Mi');
    expect(formatBytes(1610612736)).toBe('1.5Gi');
    expect(formatBytes(100)).toBe('100');
  });
});
