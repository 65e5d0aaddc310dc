import { kubeletSkew, nodeGroupSkew } from './kubeletSkew';
import { NODES } from './__fixtures__/cluster';

describe('kubeletSkew', () => {
  it.each([
    ['1.31', 'v1.31.7-eks-473151a', 'ok', 0],
    ['1.31', 'v1.29.15-eks-2f3a1b4', 'ok', 2],
    ['1.31', 'v1.28.15-eks-2f3a1b4', 'warn', 3],
    ['1.31', 'v1.27.16-eks-2f3a1b4', 'violation', 4],
    ['1.26', 'v1.24.17-eks-2f3a1b4', 'warn', 2],
    ['1.27', 'v1.24.17-eks-2f3a1b4', 'violation', 3],
    ['1.25', 'v1.25.16-eks-2f3a1b4', 'ok', 0],
    ['1.30', 'v1.31.2-eks-2f3a1b4', 'violation', -1],
  ])('API server %s, kubelet %s -> %s', (api, kubelet, status, behind) => {
    const result = kubeletSkew(api, kubelet);
    expect(result.status).toBe(status);
    expect(result.minorsBehind).toBe(behind);
  });

  it('explains the verdict', () => {
    expect(kubeletSkew('1.31', '1.28').reason).toBe(
      'kubelet 1.28 is 3 minor versions behind the API server 1.31, the most allowed: upgrade nodes before the control plane',
    );
    expect(kubeletSkew('1.27', '1.24').reason).toBe(
      'kubelet 1.24 is 3 minor versions behind the API server 1.27; at most 2 allowed',
    );
    expect(kubeletSkew('1.30', '1.31').reason).toBe(
      'kubelet 1.31 is newer than the API server 1.30',
    );
    expect(kubeletSkew('1.31', 'unknown').status).toBe('unknown');
  });
});

describe('nodeGroupSkew', () => {
  it('takes the worst kubelet of each group, worst groups first', () => {
    const groups = nodeGroupSkew('1.32', {
      nodes: NODES,
      nodegroups: [
        {
          nodegroupName: 'system-od',
          version: '1.31',
          releaseVersion: '1.31.7-20251120',
          amiType: 'AL2023_x86_64_STANDARD',
          capacityType: 'ON_DEMAND',
        },
        {
          nodegroupName: 'legacy-al2',
          version: '1.29',
          releaseVersion: '1.29.15-20251110',
          amiType: 'AL2_x86_64',
          capacityType: 'ON_DEMAND',
        },
      ],
    });
    expect(
      groups.map(g => [
        g.nodeGroup,
        g.worst.status,
        g.kubeletVersions.join(','),
        g.nodeCount,
      ]),
    ).toEqual([
      ['legacy-al2', 'warn', '1.29', 0],
      ['fargate', 'ok', '1.31', 1],
      ['spot-batch', 'ok', '1.31', 1],
      ['spot-general', 'ok', '1.31', 2],
      ['system-od', 'ok', '1.31', 2],
    ]);
  });

  it('flags a group with one node left behind', () => {
    const stale = {
      ...NODES[0],
      status: {
        ...NODES[0].status,
        nodeInfo: { kubeletVersion: 'v1.27.16-eks-2f3a1b4' },
      },
    };
    const [worst] = nodeGroupSkew('1.31', { nodes: [stale, NODES[1]] });
    expect(worst).toMatchObject({
      nodeGroup: 'system-od',
      kubeletVersions: ['1.27', '1.31'],
    });
    expect(worst.worst.status).toBe('violation');
  });
});
