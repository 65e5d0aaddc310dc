import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EksPlatformApi } from '../../api';
import { eksPlatformApiRef } from '../../api';
import { demoClustersResponse } from '../../__fixtures__/clusters';
import {
  ledgerEntity,
  paymentsEntity,
  unannotatedEntity,
} from '../../__fixtures__/entities';
import { EntityEksPlatformContent } from './EntityEksPlatformContent';

function fakeApi(
  getClusters: EksPlatformApi['getClusters'] = async () => demoClustersResponse,
) {
  return { getClusters: jest.fn(getClusters) };
}

async function renderTab(entity: Entity, api: EksPlatformApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[eksPlatformApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityEksPlatformContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

async function forbiddenError(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Missing permission eks-platform.cluster.read',
        },
        request: { method: 'GET', url: '/api/eks-platform/clusters' },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

describe('EntityEksPlatformContent', () => {
  it('explains how to add the annotation when the entity names no cluster', async () => {
    const api = fakeApi();
    await renderTab(unannotatedEntity, api);

    expect(
      screen.getByRole('heading', { name: 'EKS platform' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No clusters are mapped to this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('kubernetes.clusterLocatorMethods'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('eks-platform-content')).toHaveTextContent(
      'eks-platform.io/clusters: <cluster-a>, <cluster-b>',
    );
    expect(api.getClusters).not.toHaveBeenCalled();
  });

  it('lists the annotated clusters with their EKS identity and source', async () => {
    await renderTab(paymentsEntity, fakeApi());

    const table = await screen.findByTestId('eks-platform-clusters');
    const rows = within(table).getAllByRole('row');
    // header row + one row per cluster in annotation order
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('prod-eu-west-1');
    expect(rows[1]).toHaveTextContent('Production EU (spot-heavy)');
    expect(rows[1]).toHaveTextContent('eu-west-1');
    expect(rows[1]).toHaveTextContent('210987654321');
    expect(rows[1]).toHaveTextContent('serviceAccount');
    expect(rows[1]).toHaveTextContent('config');
    expect(rows[2]).toHaveTextContent('staging-eu-west-1');
    expect(rows[2]).toHaveTextContent('123456789012');
    expect(within(table).queryByText('checkout-green')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the EKS cluster name when it differs from the Backstage name', async () => {
    const entity: Entity = {
      ...paymentsEntity,
      metadata: {
        ...paymentsEntity.metadata,
        annotations: { 'eks-platform.io/clusters': 'checkout-green' },
      },
    };
    await renderTab(entity, fakeApi());

    const table = await screen.findByTestId('eks-platform-clusters');
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent('checkout-green');
    expect(row).toHaveTextContent('eks-checkout-green-2025');
    expect(row).toHaveTextContent('aws');
    expect(row).toHaveTextContent('catalog');
  });

  it('warns about names the registry does not know and entries that are not names', async () => {
    await renderTab(ledgerEntity, fakeApi());

    const table = await screen.findByTestId('eks-platform-clusters');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('prod-us-east-1');

    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(
      screen.getByText(
        'Warning: Invalid entries in eks-platform.io/clusters: "prod eu west 1"',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Warning: Unknown clusters in eks-platform.io/clusters: legacy-eu-west-9',
      ),
    ).toBeInTheDocument();
  });

  it('tells the user which permission is missing on a 403, and retries', async () => {
    const error = await forbiddenError();
    const api = fakeApi(async () => {
      throw error;
    });
    await renderTab(paymentsEntity, api);

    expect(
      await screen.findByText(
        'Error: You are not allowed to read EKS clusters: this needs the eks-platform.cluster.read permission',
      ),
    ).toBeInTheDocument();
    // the server's own explanation is in the panel's details
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Missing permission eks-platform.cluster.read',
    );
    expect(
      screen.queryByTestId('eks-platform-clusters'),
    ).not.toBeInTheDocument();

    api.getClusters.mockResolvedValueOnce(demoClustersResponse);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByTestId('eks-platform-clusters'),
    ).toBeInTheDocument();
    expect(api.getClusters).toHaveBeenCalledTimes(2);
  });
});
