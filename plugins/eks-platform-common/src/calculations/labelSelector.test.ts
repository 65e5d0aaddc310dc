import { selectorMatches } from './labelSelector';

const labels = {
  'app.kubernetes.io/name': 'checkout',
  'app.kubernetes.io/part-of': 'shop',
  tier: 'backend',
};

describe('selectorMatches', () => {
  it('matches matchLabels pairs', () => {
    expect(selectorMatches({ matchLabels: { tier: 'backend' } }, labels)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { tier: 'frontend' } }, labels)).toBe(
      false,
    );
  });

  it.each([
    [{ key: 'tier', operator: 'In', values: ['backend', 'worker'] }, true],
    [{ key: 'tier', operator: 'In', values: ['worker'] }, false],
    [{ key: 'absent', operator: 'In', values: ['x'] }, false],
    [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }, true],
    [{ key: 'tier', operator: 'NotIn', values: ['backend'] }, false],
    [{ key: 'absent', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'tier', operator: 'Exists' }, true],
    [{ key: 'absent', operator: 'Exists' }, false],
    [{ key: 'absent', operator: 'DoesNotExist' }, true],
    [{ key: 'tier', operator: 'DoesNotExist' }, false],
    [{ key: 'tier', operator: 'Gt', values: ['1'] }, false],
  ])('evaluates %o', (requirement, expected) => {
    expect(selectorMatches({ matchExpressions: [requirement] }, labels)).toBe(
      expected,
    );
  });

  it('requires every term', () => {
    expect(
      selectorMatches(
        {
          matchLabels: { 'app.kubernetes.io/part-of': 'shop' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['frontend'] },
          ],
        },
        labels,
      ),
    ).toBe(false);
  });

  it('treats an empty selector as everything and an absent one as nothing', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });
});
