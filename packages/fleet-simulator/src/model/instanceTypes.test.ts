import { getInstanceType, maxPodsFor } from './instanceTypes';

const secondaryIp = { prefixDelegation: false, customNetworking: false };

describe('maxPodsFor', () => {
  it.each([
    ['t3.micro', 4],
    ['t3.medium', 17],
    ['m5.large', 29],
    ['m5.xlarge', 58],
    ['m5.4xlarge', 234],
    ['m5.24xlarge', 737],
    ['c6g.medium', 8],
  ])('gives %s %i pods with secondary IPs (eni-max-pods.txt)', (type, pods) => {
    expect(maxPodsFor(getInstanceType(type), secondaryIp)).toBe(pods);
  });

  it('gives m5.large 110 pods with prefix delegation and 20 with custom networking', () => {
    const m5large = getInstanceType('m5.large');
    expect(
      maxPodsFor(m5large, { prefixDelegation: true, customNetworking: false }),
    ).toBe(110);
    expect(
      maxPodsFor(m5large, { prefixDelegation: false, customNetworking: true }),
    ).toBe(20);
  });

  it('caps prefix delegation at 250 pods above 30 vCPUs', () => {
    expect(
      maxPodsFor(getInstanceType('m5.24xlarge'), {
        prefixDelegation: true,
        customNetworking: false,
      }),
    ).toBe(250);
  });

  it('names the known types when asked for an unknown one', () => {
    expect(() => getInstanceType('x9.huge')).toThrow(
      /Unknown instance type 'x9.huge'.*m5.large/,
    );
  });
});
