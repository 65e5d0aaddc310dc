import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import yaml from 'yaml';
import { startFixtureEksPlatformServer } from '../__testUtils__/fixtureEksPlatformServer';
import { createCatalogWriteAction } from './catalogWrite';
import { examples as catalogWriteExamples } from './catalogWrite.examples';
import { createClusterPreflightAction } from './clusterPreflight';
import { examples as preflightExamples } from './clusterPreflight.examples';
import { createGitopsCommitAction } from './gitopsCommit';
import { examples as commitExamples } from './gitopsCommit.examples';
import { createGitopsResolveAction } from './gitopsResolve';
import { examples as resolveExamples } from './gitopsResolve.examples';

/* Runs every example of the preflight, GitOps and catalog actions. */

const entity = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    backstage.io/kubernetes-id: payments-api
spec:
  type: service
  lifecycle: experimental
  owner: group:default/platform-team
`;

describe('action examples', () => {
  const mockDir = createMockDirectory();
  let server: Awaited<ReturnType<typeof startFixtureEksPlatformServer>>;
  beforeAll(async () => {
    server = await startFixtureEksPlatformServer();
  });
  afterAll(() => server.close());
  const hostRoot = () => join(mockDir.path, 'host');
  const settings = () => ({
    defaultRepository: `file://${join(hostRoot(), 'platform.git')}`,
    allowedRepositoryRoots: [hostRoot(), '/srv/gitops'],
    catalogDirectory: join(hostRoot(), 'catalog'),
    defaultAuthor: {
      name: 'Backstage Scaffolder',
      email: 'scaffolder@backstage.local',
    },
  });

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': entity,
        manifests: { 'kustomization.yaml': 'resources: []\n' },
      },
      host: {},
    });
    execFileSync('git', [
      'init',
      '--quiet',
      '--bare',
      join(hostRoot(), 'platform.git'),
    ]);
  });

  const cases = [
    ...preflightExamples.map(
      e => ['eks-platform:cluster:preflight', e] as const,
    ),
    ...resolveExamples.map(e => ['eks-platform:gitops:resolve', e] as const),
    ...commitExamples.map(e => ['eks-platform:gitops:commit', e] as const),
    ...catalogWriteExamples.map(
      e => ['eks-platform:catalog:write', e] as const,
    ),
  ];

  it.each(cases.map(([id, e]) => [id, e.description, e.example]))(
    '%s: %s',
    async (id, _description, example) => {
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(id);
      const actions = {
        'eks-platform:cluster:preflight': createClusterPreflightAction({
          clusters: server.client,
        }),
        'eks-platform:gitops:resolve': createGitopsResolveAction({
          settings: settings(),
        }),
        'eks-platform:gitops:commit': createGitopsCommitAction({
          settings: settings(),
        }),
        'eks-platform:catalog:write': createCatalogWriteAction({
          settings: settings(),
        }),
      } as const;
      const action = actions[id as keyof typeof actions];
      let input = step.input ?? {};
      if (id === 'eks-platform:gitops:resolve') {
        input = { repoUrl: '' }; // the form field left empty
      }
      const ctx = createMockActionContext({
        workspacePath: join(mockDir.path, 'workspace'),
        input,
      });
      // An example naming a repository path of another host is refused here, as it would be on a
      // host without it.
      const otherHost = JSON.stringify(input).includes('/srv/gitops');
      const outcome = await action.handler(ctx as any).then(
        () => 'completed',
        (error: Error) => error.message,
      );
      const refusedForOtherHost = /does not exist on the Backstage host/.test(
        outcome,
      );
      expect({
        completed: outcome === 'completed',
        refusedForOtherHost,
      }).toEqual({ completed: !otherHost, refusedForOtherHost: otherHost });
      expect((ctx.output as jest.Mock).mock.calls.length > 0).toBe(!otherHost);
    },
  );
});
