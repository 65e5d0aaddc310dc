import {
  compareKubernetesVersions,
  minorVersionOf,
  nextMinorVersion,
  parseKubernetesVersion,
} from './kubernetesVersion';

describe('Kubernetes versions', () => {
  it('parses the forms EKS and kubelets report', () => {
    expect(parseKubernetesVersion('v1.31.7-eks-473151a')).toEqual({
      major: 1,
      minor: 31,
      patch: 7,
    });
    expect(parseKubernetesVersion('1.31')).toEqual({
      major: 1,
      minor: 31,
      patch: undefined,
    });
    expect(parseKubernetesVersion('latest')).toBeUndefined();
    expect(minorVersionOf('v1.29.15-eks-2f3a1b4')).toBe('1.29');
  });

  it('compares numerically, not as text', () => {
    expect(
      ['1.9', '1.31', '1.7', '1.100'].sort(compareKubernetesVersions),
    ).toEqual(['1.7', '1.9', '1.31', '1.100']);
    expect(nextMinorVersion('1.31')).toBe('1.32');
  });
});
