import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Use the GitOps repository the template user chose, or the configured default when the field is empty',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:gitops:resolve',
          id: 'gitops',
          name: 'Resolve the GitOps repository',
          input: { repoUrl: '${{ parameters.gitopsRepository }}' },
        },
      ],
    }),
  },
  {
    description: 'Always use eksPlatform.gitops.defaultRepository',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:gitops:resolve',
          id: 'gitops',
          name: 'Resolve the default GitOps repository',
        },
      ],
    }),
  },
];
