import {
  missingProductionEnvironment,
  REQUIRED_PRODUCTION_ENVIRONMENT,
  usesProductionConfig,
} from './productionEnvironment';

const productionArgv = [
  '/usr/local/bin/node',
  'packages/backend',
  '--config',
  'app-config.yaml',
  '--config',
  'app-config.production.yaml',
];

const completeEnvironment = {
  BACKSTAGE_BASE_URL: 'https://backstage.example.com',
  POSTGRES_HOST: 'backstage.cluster-abc.eu-west-1.rds.amazonaws.com',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'from-secrets-manager',
  EKS_CLUSTER_NAME: 'prod-eu-west-1',
  EKS_CLUSTER_URL: 'https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com',
  EKS_CLUSTER_CA_DATA: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
  EKS_REGION: 'eu-west-1',
  EKS_ACCOUNT_ID: '111122223333',
};

describe('production environment check', () => {
  it('recognises the production config in both --config forms', () => {
    expect(usesProductionConfig(productionArgv)).toBe(true);
    expect(
      usesProductionConfig([
        'node',
        'packages/backend',
        '--config=/app/app-config.production.yaml',
      ]),
    ).toBe(true);
    expect(
      usesProductionConfig([
        'node',
        'packages/backend',
        '--config',
        'app-config.yaml',
      ]),
    ).toBe(false);
  });

  it('asks for nothing in development', () => {
    expect(
      missingProductionEnvironment(
        ['node', 'packages/backend', '--config', 'app-config.yaml'],
        {},
      ),
    ).toEqual([]);
  });

  it('passes a complete production environment', () => {
    expect(
      missingProductionEnvironment(productionArgv, completeEnvironment),
    ).toEqual([]);
  });

  it('names every unset or blank variable', () => {
    const { POSTGRES_PASSWORD, EKS_CLUSTER_URL, ...rest } = completeEnvironment;
    expect(
      missingProductionEnvironment(productionArgv, {
        ...rest,
        EKS_REGION: '  ',
      }),
    ).toEqual(['POSTGRES_PASSWORD', 'EKS_CLUSTER_URL', 'EKS_REGION']);
    expect(missingProductionEnvironment(productionArgv, {})).toEqual([
      ...REQUIRED_PRODUCTION_ENVIRONMENT,
    ]);
  });
});
