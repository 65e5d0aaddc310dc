import { KubeObject } from '../model/ObjectCollection';
import {
  SelectorError,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'payments-api-7d9f8c6b5d-x2k4q',
    namespace: 'payments-prod',
    labels: {
      'app.kubernetes.io/name': 'payments-api',
      'backstage.io/kubernetes-id': 'payments-api',
      tier: 'backend',
    },
  },
  spec: { nodeName: 'ip-10-10-0-12.eu-west-1.compute.internal' },
  status: { phase: 'Running' },
};

describe('label selectors', () => {
  it.each([
    ['app.kubernetes.io/name=payments-api', true],
    ['app.kubernetes.io/name==payments-api,tier=backend', true],
    ['tier!=frontend', true],
    ['tier in (backend, worker)', true],
    ['tier notin (backend)', false],
    ['backstage.io/kubernetes-id', true],
    ['!canary', true],
    ['canary', false],
  ])('%s matches: %s', (selector, expected) => {
    expect(matchesLabels(pod, parseLabelSelector(selector))).toBe(expected);
  });

  it('rejects what it cannot parse', () => {
    expect(() => parseLabelSelector('tier in backend')).toThrow(SelectorError);
  });
});

describe('field selectors', () => {
  it.each([
    ['spec.nodeName=ip-10-10-0-12.eu-west-1.compute.internal', true],
    ['status.phase=Running,metadata.namespace=payments-prod', true],
    ['status.phase!=Running', false],
    ['status.phase=Pending', false],
    ['spec.unknownField=', true],
  ])('%s matches: %s', (selector, expected) => {
    expect(matchesFields(pod, parseFieldSelector(selector))).toBe(expected);
  });
});
