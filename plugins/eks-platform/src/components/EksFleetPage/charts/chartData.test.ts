import {
  checkoutBlue,
  checkoutGreen,
  END_OF_EXTENDED_1_31,
  fleetHistory,
  fleetOverviews,
  isoFrom,
  version131,
  version133,
  version134,
} from '../../../testUtils';
import { capacityPoints } from './CapacityHistoryChart';
import { findBlueGreenPairs } from './findBlueGreenPairs';
import { freeIpRows } from './FreeIpsChart';
import { timelineRows } from './SupportTimelineChart';

describe('findBlueGreenPairs', () => {
  it('pairs clusters whose names share a stem with -blue and -green', () => {
    expect(findBlueGreenPairs(fleetOverviews)).toEqual([
      { stem: 'checkout', blue: checkoutBlue, green: checkoutGreen },
    ]);
  });

  it('ignores a lone half and names that only contain the colour', () => {
    expect(
      findBlueGreenPairs([
        { name: 'search-blue' },
        { name: 'bluebird-green' },
        { name: 'green' },
        { name: 'ledger-green-2' },
      ]),
    ).toEqual([]);
  });
});

describe('timelineRows', () => {
  it('counts standard and extended support days left from today, soonest end first', () => {
    const rows = timelineRows(
      [
        { name: 'prod-eu-west-1', status: version133 },
        { name: 'checkout-green', status: version134 },
        { name: 'legacy-eu-west-1', status: version131 },
      ],
      Date.parse(isoFrom(END_OF_EXTENDED_1_31, -5, '23:45:00')),
    );

    expect(rows).toEqual([
      expect.objectContaining({
        name: 'legacy-eu-west-1',
        standardDays: 0,
        extendedDays: 5,
        endOfExtendedSupport: '2026-11-26',
      }),
      expect.objectContaining({
        name: 'prod-eu-west-1',
        standardDays: 0,
        extendedDays: 250,
      }),
      expect.objectContaining({
        name: 'checkout-green',
        standardDays: 11,
        extendedDays: 365,
      }),
    ]);
  });
});

describe('freeIpRows', () => {
  it('keys history by subnet and adds a forecast line down to zero', () => {
    const { rows, keys } = freeIpRows(
      fleetHistory('staging-eu-west-1', 'free-ips'),
    );

    expect(keys.map(k => k.key)).toEqual([
      'subnet-0b2c3d4e5f6a7a404',
      'subnet-0b2c3d4e5f6a7a404:forecast',
      'subnet-0b2c3d4e5f6a7b404',
      'subnet-0b2c3d4e5f6a7b404:forecast',
      'subnet-0b2c3d4e5f6a7c404',
      'subnet-0b2c3d4e5f6a7c404:forecast',
    ]);
    const last = Date.parse(isoFrom(END_OF_EXTENDED_1_31, -5, '23:42:00.000'));
    const atLast = rows.find(r => r.t === last)!;
    expect(atLast['subnet-0b2c3d4e5f6a7a404']).toBe(7);
    expect(atLast['subnet-0b2c3d4e5f6a7a404:forecast']).toBe(7);
    // 7 free, losing 2 a day: zero 3.5 days later
    const end = rows.find(
      r =>
        r.t === last + 3.5 * 86_400_000 &&
        'subnet-0b2c3d4e5f6a7a404:forecast' in r,
    )!;
    expect(end['subnet-0b2c3d4e5f6a7a404:forecast']).toBeCloseTo(0);
    expect(rows.map(r => r.t)).toEqual(
      [...rows.map(r => r.t)].sort((a, b) => a - b),
    );
  });
});

describe('capacityPoints', () => {
  it('splits allocatable CPU into spot and other cores by the spot share', () => {
    const points = capacityPoints(
      fleetHistory('prod-eu-west-1', 'requested-cpu'),
      fleetHistory('prod-eu-west-1', 'allocatable-cpu'),
      fleetHistory('prod-eu-west-1', 'spot-cpu-share'),
    );

    expect(points).toHaveLength(29);
    const latest = points[points.length - 1];
    expect(latest.spot).toBeCloseTo(98.24 * 0.78);
    expect(latest.other).toBeCloseTo(98.24 * 0.22);
    expect(latest.requested).toBeCloseTo(23.36);
  });
});
