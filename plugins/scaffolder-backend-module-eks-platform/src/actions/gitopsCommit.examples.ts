import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit the rendered service to services/<name> of the configured local GitOps repository',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:gitops:commit',
          id: 'commit',
          name: 'Commit to the GitOps repository',
          input: {
            targetPath: 'services/payments-api',
            commitMessage: 'Add payments-api (dev, prod)',
          },
        },
      ],
    }),
  },
  {
    description:
      'Commit only the manifests directory to a named bare repository and branch, with an explicit author',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:gitops:commit',
          id: 'commit-manifests',
          name: 'Commit the manifests',
          input: {
            repoUrl: 'file:///srv/gitops/platform.git',
            branch: 'main',
            sourcePath: './manifests',
            targetPath: 'services/ledger-api/manifests',
            authorName: 'Platform Bot',
            authorEmail: 'platform-bot@example.com',
          },
        },
      ],
    }),
  },
];
