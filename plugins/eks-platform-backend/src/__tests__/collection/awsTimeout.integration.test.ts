import { TestDatabases } from '@backstage/backend-test-utils';
import { demoServices, useDemoFleet } from '../../__testUtils__/demoFleet';
import { readAwsSettings } from '../../config/readServiceSettings';
import { ConfigReader } from '@backstage/config';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-west-1';
const AWS_TIMEOUT_MS = 500;
const AWS_ATTEMPTS = 3;

describe('AWS calls have their own per-attempt timeout', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const fleet = useDemoFleet();

  afterEach(() => fleet.sim.faults.clear());

  it('defaults to 10 s per attempt, apart from the 30 s Kubernetes timeout', () => {
    expect(readAwsSettings(new ConfigReader({}))).toEqual({
      maxAttempts: 3,
      requestTimeoutMs: 10_000,
    });
    expect(() =>
      readAwsSettings(
        new ConfigReader({ eksPlatform: { aws: { requestTimeoutMs: 0 } } }),
      ),
    ).toThrow(/Invalid 'eksPlatform.aws.requestTimeoutMs'/);
  });

  it('stores the Kubernetes figures within attempts × the AWS timeout when EKS never answers', async () => {
    const { collection, views } = await demoServices({
      sim: fleet.sim,
      knex: await databases.init('SQLITE_3'),
      extra: {
        // Kubernetes keeps its long timeout: were it used for AWS, a hung
        // EKS endpoint would hold the snapshot for 3 × 30 s.
        collection: { requestTimeoutMs: 30_000, maxRetries: 1 },
        aws: {
          endpoint: fleet.sim.awsEndpoint,
          maxAttempts: AWS_ATTEMPTS,
          requestTimeoutMs: AWS_TIMEOUT_MS,
        },
      },
    });
    fleet.sim.faults.add({
      cluster: CLUSTER,
      api: 'eks',
      operation: 'DescribeCluster',
      fault: { type: 'timeout' },
    });
    fleet.sim.requestLog.reset();

    const started = Date.now();
    expect(await collection.collect(CLUSTER)).toEqual({ ok: true });
    const elapsedMs = Date.now() - started;

    // Three attempts of 0.5 s plus the SDK's short back-off between them.
    expect(elapsedMs).toBeLessThan(AWS_ATTEMPTS * AWS_TIMEOUT_MS + 3_000);
    expect(
      fleet.sim.requestLog.count({
        cluster: CLUSTER,
        api: 'eks',
        operation: 'DescribeCluster',
      }),
    ).toBe(AWS_ATTEMPTS);
    const detail = await views.getDetail(CLUSTER);
    expect(detail.overview.partial).toContain('eks');
    expect(detail.spot?.capacity.total.nodes).toBe(
      fleet.sim.cluster(CLUSTER).nodeCount,
    );
    expect(detail.overview.stale).toBe(false);
  });
});
