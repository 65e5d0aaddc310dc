import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the manifests rendered by fetch:template before publishing them',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:manifests:validate',
          id: 'validate-manifests',
          name: 'Validate Kubernetes manifests',
          input: {
            path: './manifests',
          },
        },
      ],
    }),
  },
  {
    description:
      'Validate one Kustomize overlay and fail on custom resources with no known schema',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:manifests:validate',
          id: 'validate-prod-overlay',
          name: 'Validate the production overlay',
          input: {
            path: './manifests/overlays/prod',
            failOnUnknownKinds: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Validate every YAML manifest in the workspace (node_modules, dot directories and Helm charts are skipped)',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:manifests:validate',
          id: 'validate-workspace',
          name: 'Validate all manifests',
        },
      ],
    }),
  },
];
