import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check dev and prod clusters before rendering: the namespaces are new, the versions supported, and the subnets hold the replicas plus a 25% rollout surge',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:cluster:preflight',
          id: 'preflight',
          name: 'Check the clusters',
          input: {
            name: 'checkout-api',
            port: 50051,
            environments: ['dev', 'prod'],
            targets: {
              dev: {
                cluster: 'staging-eu-west-1',
                replicas: 1,
                cpuMillicores: 100,
                memoryMebibytes: 128,
              },
              prod: {
                cluster: 'prod-eu-west-1',
                replicas: 3,
                cpuMillicores: 500,
                memoryMebibytes: 512,
              },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Check an on-demand-only service (only on-demand nodes count) with the template form values',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:cluster:preflight',
          id: 'preflight',
          name: 'Check the clusters',
          input: {
            name: 'ledger-reports',
            environments: ['prod'],
            targets: {
              prod: { cluster: 'prod-eu-west-1', replicas: 4 },
            },
            spotPolicy: 'on-demand-only',
            maxSurgePercent: 25,
          },
        },
      ],
    }),
  },
];
