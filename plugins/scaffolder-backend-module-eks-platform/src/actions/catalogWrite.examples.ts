import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Add the rendered catalog-info.yaml to the local catalog directory and refresh the catalog's file location",
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:catalog:write',
          id: 'register',
          name: 'Add the component to the catalog',
          input: { filePath: 'catalog-info.yaml' },
        },
      ],
    }),
  },
  {
    description: 'Write it under an explicit directory name',
    example: yaml.stringify({
      steps: [
        {
          action: 'eks-platform:catalog:write',
          id: 'register',
          name: 'Add the component to the catalog',
          input: { filePath: 'catalog-info.yaml', name: 'payments-api' },
        },
      ],
    }),
  },
];
