import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ClusterOverview } from '@eks-platform/plugin-eks-platform-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { eksPlatformApiRef, type EksPlatformApi } from '../api';
import {
  EksClusterPicker,
  eksClusterPickerValidation,
} from './EksClusterPicker';
import { END_OF_EXTENDED_1_31, isoFrom } from '../testUtils';

const base = {
  authProvider: 'aws',
  source: 'config' as const,
  collectedAt: isoFrom(END_OF_EXTENDED_1_31, -5, '06:00:00'),
  stale: false,
  partial: [],
};

const clusters: ClusterOverview[] = [
  {
    ...base,
    name: 'prod-eu-west-1',
    title: 'Production EU (spot-heavy)',
    version: {
      kubernetesVersion: '1.34',
      phase: 'standard',
      daysLeft: 11,
      nextDeadline: '2026-12-02',
      summary: '1.34 in standard support until 2026-12-02',
    },
    ip: {
      leastFreeSubnet: {
        subnetId: 'subnet-0a1b2c3d4e5f6a101',
        availabilityZone: 'eu-west-1a',
        freeAddresses: 3811,
        usableAddresses: 4091,
      },
      additionalPods: 168,
      forecastStatus: 'no-exhaustion',
      podsFailingIpAssignment: 0,
    },
  },
  {
    ...base,
    name: 'staging-eu-west-1',
    title: 'Staging EU',
    version: {
      kubernetesVersion: '1.33',
      phase: 'extended',
      daysLeft: 247,
      nextDeadline: '2027-07-29',
      summary: '1.33 in extended support',
    },
    ip: {
      leastFreeSubnet: {
        subnetId: 'subnet-0b2c3d4e5f6a7b404',
        availabilityZone: 'eu-west-1b',
        freeAddresses: 3,
        usableAddresses: 251,
      },
      additionalPods: 7,
      forecastStatus: 'exhausting',
      daysToExhaustion: 4,
      podsFailingIpAssignment: 3,
    },
  },
  {
    ...base,
    name: 'legacy-eu-west-1',
    title: 'Legacy EU (1.31)',
    version: {
      kubernetesVersion: '1.31',
      phase: 'unsupported',
      summary: '1.31 is past the end of extended support',
    },
  },
  // A cluster an older backend serves without version or IP data.
  {
    ...base,
    name: 'ci-kind',
    authProvider: 'serviceAccount',
    source: 'catalog',
  },
];

const fakeApi = {
  getClusterOverviews: jest.fn(async () => ({ items: clusters })),
} as unknown as EksPlatformApi;

async function renderPicker(formData?: string) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[eksPlatformApiRef, fakeApi]]}>
      <EksClusterPicker
        {...({} as any)}
        onChange={onChange}
        formData={formData}
        required
        rawErrors={[]}
        schema={{
          type: 'string',
          title: 'Cluster',
          description: 'The EKS cluster the prod namespace goes to',
        }}
        uiSchema={{ 'ui:options': { environment: 'prod' } }}
        idSchema={{ $id: 'root_prod_cluster' } as any}
      />
    </TestApiProvider>,
  );
  return onChange;
}

describe('EksClusterPicker', () => {
  it('lists every cluster with its version phase and IP headroom, and disables unsupported ones', async () => {
    const onChange = await renderPicker();

    fireEvent.mouseDown(await screen.findByRole('button', { name: /Cluster/ }));
    const list = within(await screen.findByRole('listbox'));
    expect(
      list.getByText('Production EU (spot-heavy) (prod-eu-west-1)'),
    ).toBeInTheDocument();
    expect(
      list.getByText(
        'Kubernetes 1.34, standard support (11 days left); room for 168 more pods, least free subnet 3811 addresses',
      ),
    ).toBeInTheDocument();
    expect(
      list.getByText(
        'Kubernetes 1.33, extended support (247 days left); room for 7 more pods, least free subnet 3 addresses',
      ),
    ).toBeInTheDocument();
    expect(
      list.getByText('version unknown; IP headroom unknown'),
    ).toBeInTheDocument();
    expect(
      list.getByText(
        'Kubernetes 1.31, no longer supported - Kubernetes 1.31 is no longer supported by EKS',
      ),
    ).toBeInTheDocument();
    const legacy = list
      .getByText('Legacy EU (1.31) (legacy-eu-west-1)')
      .closest('li');
    expect(legacy).toHaveAttribute('aria-disabled', 'true');

    fireEvent.click(list.getByText('Staging EU (staging-eu-west-1)'));
    expect(onChange).toHaveBeenCalledWith('staging-eu-west-1');
  });

  it('shows the chosen cluster and its figures', async () => {
    await renderPicker('staging-eu-west-1');
    expect(
      await screen.findByText('Staging EU (staging-eu-west-1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Kubernetes 1.33, extended support (247 days left); room for 7 more pods, least free subnet 3 addresses',
      ),
    ).toBeInTheDocument();
  });
});

describe('eksClusterPickerValidation', () => {
  const validate = async (value: string) => {
    const errors: string[] = [];
    await eksClusterPickerValidation(
      value,
      { addError: (m: string) => errors.push(m) } as any,
      {
        apiHolder: { get: () => fakeApi } as any,
        formData: {},
        schema: {},
      },
    );
    return errors;
  };

  it('accepts a supported cluster', async () => {
    expect(await validate('prod-eu-west-1')).toEqual([]);
  });

  it('refuses an unsupported cluster', async () => {
    expect(await validate('legacy-eu-west-1')).toEqual([
      'Cluster legacy-eu-west-1 cannot host new services: Kubernetes 1.31 is no longer supported by EKS',
    ]);
  });

  it('refuses an unknown cluster', async () => {
    expect(await validate('prod-mars-1')).toEqual([
      'Cluster "prod-mars-1" is not known to the EKS platform (known: prod-eu-west-1, staging-eu-west-1, legacy-eu-west-1, ci-kind)',
    ]);
  });
});
