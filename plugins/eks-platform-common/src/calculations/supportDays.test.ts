import { supportDaysLeft } from './supportDays';
import { END_OF_EXTENDED_1_31, isoFrom } from './__fixtures__/clock';

// AWS's calendar for 1.31: standard support ended twelve months before extended support.
const END_OF_STANDARD_1_31 = '2025-11-26';

describe('supportDaysLeft', () => {
  it('counts only extended days once standard support is over', () => {
    const now = Date.parse(isoFrom(END_OF_EXTENDED_1_31, -5, '10:00:00'));
    const { standardDays, extendedDays } = supportDaysLeft(
      {
        endOfStandardSupport: END_OF_STANDARD_1_31,
        endOfExtendedSupport: END_OF_EXTENDED_1_31,
      },
      now,
    );
    expect(standardDays.value).toBe(0);
    expect(extendedDays.value).toBe(5);
    expect(extendedDays.formula).toContain(END_OF_EXTENDED_1_31);
    expect(extendedDays.source).toMatch(/14 months of standard support/);
  });

  it('splits the days left between standard and extended support', () => {
    const now = Date.parse(isoFrom(END_OF_STANDARD_1_31, -10));
    const { standardDays, extendedDays } = supportDaysLeft(
      {
        endOfStandardSupport: END_OF_STANDARD_1_31,
        endOfExtendedSupport: END_OF_EXTENDED_1_31,
      },
      now,
    );
    expect(standardDays.value).toBe(10);
    expect(standardDays.value + extendedDays.value).toBe(375);
  });

  it('counts 0 for unknown dates', () => {
    const { standardDays, extendedDays } = supportDaysLeft({}, Date.now());
    expect(standardDays.value).toBe(0);
    expect(extendedDays.value).toBe(0);
    expect(standardDays.formula).toContain('unknown');
  });
});
