import { selectorMatches } from '@eks-platform/plugin-eks-platform-common';
import { parseLabelSelector } from './parseLabelSelector';

describe('parseLabelSelector', () => {
  it('reads the forms the Kubernetes plugin annotation allows', () => {
    expect(
      parseLabelSelector(
        'app.kubernetes.io/name=ledger-api, tier==backend, env!=dev, slot in (blue, green), track notin (canary), managed, !legacy',
      ),
    ).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'ledger-api', tier: 'backend' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'slot', operator: 'In', values: ['blue', 'green'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'managed', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
  });

  it('matches pod labels the way the API server would', () => {
    const selector = parseLabelSelector(
      'app=checkout-api,slot in (blue,green)',
    );
    expect(
      selectorMatches(selector, { app: 'checkout-api', slot: 'blue' }),
    ).toBe(true);
    expect(
      selectorMatches(selector, { app: 'checkout-api', slot: 'red' }),
    ).toBe(false);
  });

  it('rejects text that is not a selector', () => {
    expect(() => parseLabelSelector('app in (unclosed')).toThrow(
      "'app in (unclosed' is not a label selector requirement",
    );
  });
});
