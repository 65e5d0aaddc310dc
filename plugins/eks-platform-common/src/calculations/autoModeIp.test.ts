import {
  autoModeNodeAddresses,
  autoModeOf,
  isAutoModeNode,
  prefixBlockWarning,
} from './autoModeIp';
import { capacityTypeOf, nodeGroupOf } from './capacityType';
import type { KubeNode } from './types';

const autoNode = (capacityType: string): KubeNode => ({
  metadata: {
    name: 'i-0a1b2c3d4e5f60001',
    labels: {
      'eks.amazonaws.com/compute-type': 'auto',
      'karpenter.sh/capacity-type': capacityType,
      'karpenter.sh/nodepool': 'general-purpose',
    },
  },
});
const managedNode: KubeNode = {
  metadata: {
    name: 'ip-10-0-1-4.ec2.internal',
    labels: { 'eks.amazonaws.com/nodegroup': 'system' },
  },
};

describe('autoModeOf', () => {
  it('takes DescribeCluster computeConfig when EKS was read', () => {
    expect(
      autoModeOf(
        {
          enabled: true,
          nodePools: ['general-purpose', 'system'],
          nodeRoleArn: 'arn:aws:iam::123456789012:role/AmazonEKSAutoNodeRole',
        },
        [autoNode('spot'), managedNode],
      ),
    ).toEqual({
      enabled: true,
      source: 'compute-config',
      nodePools: ['general-purpose', 'system'],
      nodeRoleArn: 'arn:aws:iam::123456789012:role/AmazonEKSAutoNodeRole',
      autoModeNodes: 1,
    });
  });

  it('falls back to the node label without EKS, and is absent for a cluster without Auto Mode', () => {
    expect(autoModeOf(undefined, [autoNode('on-demand')])).toMatchObject({
      enabled: true,
      source: 'node-labels',
      autoModeNodes: 1,
    });
    expect(autoModeOf(undefined, [managedNode])).toBeUndefined();
    expect(autoModeOf({ enabled: false }, [managedNode])).toBeUndefined();
  });

  it('recognises the nodes by eks.amazonaws.com/compute-type: auto', () => {
    expect(isAutoModeNode(autoNode('spot'))).toBe(true);
    expect(isAutoModeNode(managedNode)).toBe(false);
  });
});

describe('Auto Mode nodes carry Karpenter labels', () => {
  it.each(['spot', 'on-demand', 'reserved'])(
    'reads capacity type %s from karpenter.sh/capacity-type',
    type => {
      expect(capacityTypeOf(autoNode(type))).toMatchObject({
        capacityType: type,
        label: 'karpenter.sh/capacity-type',
      });
      expect(nodeGroupOf(autoNode(type))).toEqual({
        kind: 'karpenter-nodepool',
        name: 'general-purpose',
      });
    },
  );
});

describe('autoModeNodeAddresses', () => {
  it('holds pods in /28 prefixes of 16 addresses', () => {
    expect(autoModeNodeAddresses(0, 3)).toEqual({
      mode: 'prefixes',
      prefixes: 0,
      podAddresses: 0,
      spareAddresses: 0,
    });
    expect(autoModeNodeAddresses(16, 3)).toMatchObject({
      prefixes: 1,
      spareAddresses: 0,
    });
    expect(autoModeNodeAddresses(17, 3)).toMatchObject({
      prefixes: 2,
      podAddresses: 32,
      spareAddresses: 15,
    });
  });

  it('takes single addresses when the subnet has no free /28, and prefixes when that is unknown', () => {
    expect(autoModeNodeAddresses(5, 0).mode).toBe('single-addresses');
    expect(autoModeNodeAddresses(5, undefined).mode).toBe('prefixes');
  });
});

describe('prefixBlockWarning', () => {
  it('warns at none and at few free /28 blocks, naming what happens next', () => {
    expect(
      prefixBlockWarning({ freeBlocks: 0, freeAddresses: 190 }, true),
    ).toBe(
      'No free /28 block left although 190 addresses are free: Auto Mode gives new pods single addresses',
    );
    expect(
      prefixBlockWarning(
        { freeBlocks: 2, freeAddresses: 400, upperBound: true },
        false,
      ),
    ).toBe(
      'Only 2 free /28 block(s) left (at most: some used addresses are on ENIs this account cannot list): after them prefix delegation cannot add prefixes (InsufficientCidrBlocks)',
    );
    expect(
      prefixBlockWarning({ freeBlocks: 4, freeAddresses: 64 }, true),
    ).toBeUndefined();
  });
});
