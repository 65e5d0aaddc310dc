import { InfoCard } from '@backstage/core-components';
import {
  AUTO_MODE_IP_MODEL,
  type ClusterOverview,
  type EntityClusterView,
  prefixBlockWarning,
} from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Explained,
  FigureList,
  UtilisationBar,
  explain,
  formatCount,
  formatDateTime,
  formatDays,
  formatPercent,
} from '../common';
import { BranchEniSection, BranchEnis } from './BranchEniSection';
import { CardSection } from './CardSection';
import { NoData } from './NoData';
import { RemotePodNetworks } from './RemotePodNetworks';

const FORECAST_WORDS: Record<
  NonNullable<ClusterOverview['ip']>['forecastStatus'],
  string
> = {
  'not-enough-history': 'no forecast yet: not enough history',
  'no-exhaustion': 'not running out: free addresses are flat or rising',
  exhausting: 'running out',
  exhausted: 'no free addresses left',
};

/** Why a subnet holds pod addresses, when it is not simply one of the cluster's own. */
const SUBNET_ROLE: Record<string, string> = {
  discovered: 'added by tag kubernetes.io/role/cni=1 (subnet discovery)',
  'eni-config': 'ENIConfig subnet (custom networking)',
};

const LIMITED_BY: Record<string, string> = {
  'node-slots': 'limited by node pod slots',
  'subnet-addresses': 'limited by subnet addresses',
};

/** Days until exhaustion, or why there is no such number. */
const Exhaustion = (props: { cluster: ClusterOverview }) => {
  const { ip, collectedAt } = props.cluster;
  if (!ip) return null;
  if (ip.daysToExhaustion !== undefined) {
    return (
      <Explained
        value={formatDays(ip.daysToExhaustion)}
        {...explain.daysToExhaustion(collectedAt)}
      />
    );
  }
  return (
    <Typography variant="body2" component="span" color="textSecondary">
      {FORECAST_WORDS[ip.forecastStatus] ?? ip.forecastStatus}
    </Typography>
  );
};

/**
 * Free addresses per subnet and zone where the entity's pods run, node slots, the
 * entity's pods failing IP assignment, and days until the cluster's least-free subnet
 * runs out.
 */
/** What an IPv6 cluster's pod addresses mean for its headroom. */
export const IPV6_PODS =
  'IPv6: pods get addresses from each node’s /80 prefix, which cannot run out; only free node pod slots limit the pods that fit';

/** The subnet with the fewest free /28 blocks, and what follows when few or none are left. */
const FewestPrefixBlocks = (props: { cluster: ClusterOverview }) => {
  const { ip, collectedAt, autoMode } = props.cluster;
  const fewest = ip?.fewestPrefixBlocks;
  if (!fewest) return null;
  const warning = prefixBlockWarning(fewest, !!autoMode?.enabled);
  return (
    <>
      {fewest.upperBound ? 'at most ' : ''}
      <Explained
        value={formatCount(fewest.freeBlocks)}
        {...explain.freePrefixBlocks(collectedAt)}
      />{' '}
      in {fewest.subnetId} ({fewest.availabilityZone}),{' '}
      {formatCount(fewest.freeAddresses)} addresses free
      {warning && (
        <Typography variant="body2" color="error" component="div">
          {warning}
        </Typography>
      )}
    </>
  );
};

export const IpHeadroomCard = (props: { view: EntityClusterView }) => {
  const { view } = props;
  const { cluster, zones, ipFailures } = view;
  const at = cluster.collectedAt;
  const ec2Missing = cluster.partial.includes('ec2');
  const subnetRows = zones.flatMap(z =>
    z.subnets.map(s => ({ zone: z.zone, subnet: s })),
  );
  const withBlocks = subnetRows.some(r => r.subnet.prefixBlocks);
  const withBranchEnis = zones.some(z => z.branchEnis);

  return (
    <InfoCard
      title="IP headroom"
      titleTypographyProps={{ component: 'h4' }}
      subheader="VPC addresses left where this component's pods run"
    >
      {cluster.ip ? (
        <FigureList
          aria-label={`IP headroom of ${cluster.name}`}
          items={[
            cluster.ip.ipFamily === 'ipv6' && {
              label: 'Pod addresses',
              value: IPV6_PODS,
            },
            cluster.autoMode?.enabled && {
              label: 'EKS Auto Mode',
              value: AUTO_MODE_IP_MODEL,
            },
            cluster.ip.fewestPrefixBlocks && {
              label: 'Fewest free /28 blocks',
              value: <FewestPrefixBlocks cluster={cluster} />,
            },
            {
              label: 'Days until exhaustion',
              value: <Exhaustion cluster={cluster} />,
            },
            cluster.ip.leastFreeSubnet && {
              label:
                cluster.ip.ipFamily === 'ipv6'
                  ? 'Least free subnet (node IPv4 addresses)'
                  : 'Least free subnet',
              value: (
                <>
                  <Explained
                    value={formatCount(
                      cluster.ip.leastFreeSubnet.freeAddresses,
                    )}
                    {...explain.subnetFree(at)}
                  />{' '}
                  of{' '}
                  <Explained
                    value={formatCount(
                      cluster.ip.leastFreeSubnet.usableAddresses,
                    )}
                    {...explain.subnetUsable(at)}
                  />{' '}
                  free ({cluster.ip.leastFreeSubnet.subnetId},{' '}
                  {cluster.ip.leastFreeSubnet.availabilityZone})
                </>
              ),
            },
            {
              label: 'More pods fit (cluster)',
              value: (
                <Explained
                  value={formatCount(cluster.ip.additionalPods)}
                  {...explain.additionalPods(at)}
                />
              ),
            },
            {
              label: 'Pods failing IP assignment (cluster)',
              value: (
                <Explained
                  value={formatCount(cluster.ip.podsFailingIpAssignment)}
                  {...explain.ipFailures(at)}
                />
              ),
            },
          ]}
        />
      ) : (
        <NoData>
          {ec2Missing
            ? 'Subnets could not be read from the EC2 API for this snapshot.'
            : 'IP headroom has not been collected for this cluster.'}
        </NoData>
      )}

      <CardSection title="Subnets where this component runs">
        {subnetRows.length === 0 ? (
          <NoData>
            {ec2Missing
              ? 'No subnet data: the EC2 API was not read for this snapshot.'
              : 'No subnets known for the zones of this component’s pods.'}
          </NoData>
        ) : (
          <Table size="small" aria-label={`Subnets on ${cluster.name}`}>
            <TableHead>
              <TableRow>
                <TableCell>Zone / subnet</TableCell>
                <TableCell align="right">Free / usable</TableCell>
                {withBlocks && (
                  <TableCell align="right">Free /28 blocks</TableCell>
                )}
                <TableCell>Used</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {subnetRows.map(({ zone, subnet }) => (
                <TableRow key={`${zone}-${subnet.subnetId}`}>
                  <TableCell>
                    <Typography variant="body2">{zone}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      {subnet.subnetId} ({subnet.cidrBlock})
                    </Typography>
                    {subnet.podSubnetRole &&
                      SUBNET_ROLE[subnet.podSubnetRole] && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="div"
                        >
                          {SUBNET_ROLE[subnet.podSubnetRole]}
                        </Typography>
                      )}
                  </TableCell>
                  <TableCell align="right">
                    <Explained
                      value={formatCount(subnet.freeAddresses)}
                      {...explain.subnetFree(at)}
                    />{' '}
                    /{' '}
                    <Explained
                      value={formatCount(subnet.usableAddresses)}
                      {...explain.subnetUsable(at)}
                    />
                  </TableCell>
                  {withBlocks && (
                    <TableCell align="right">
                      {subnet.prefixBlocks ? (
                        <Explained
                          value={formatCount(subnet.prefixBlocks.freeBlocks)}
                          {...explain.freePrefixBlocks(at)}
                        />
                      ) : (
                        <Typography variant="caption" color="textSecondary">
                          not read
                        </Typography>
                      )}
                    </TableCell>
                  )}
                  <TableCell style={{ minWidth: 90 }}>
                    <UtilisationBar
                      value={subnet.utilisation}
                      label={`${subnet.subnetId} used`}
                    />
                    <Explained
                      value={formatPercent(subnet.utilisation)}
                      {...explain.subnetUtilisation(at)}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardSection>

      {view.remoteNetworks && (
        <RemotePodNetworks
          remote={view.remoteNetworks}
          cluster={cluster.name}
          at={at}
        />
      )}

      {zones.length > 0 && (
        <CardSection title="Node slots per zone">
          <Table
            size="small"
            aria-label={`Node slots per zone on ${cluster.name}`}
          >
            <TableHead>
              <TableRow>
                <TableCell>Zone</TableCell>
                <TableCell align="right">Free pod slots</TableCell>
                <TableCell align="right">Warm addresses</TableCell>
                {withBranchEnis && (
                  <TableCell align="right">
                    Branch ENIs used / capacity
                  </TableCell>
                )}
                <TableCell align="right">More pods fit</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {zones.map(z => (
                <TableRow key={z.zone}>
                  <TableCell>
                    {z.zone}
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      {z.nodes} {z.nodes === 1 ? 'node' : 'nodes'}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    <Explained
                      value={formatCount(z.freePodSlots)}
                      {...explain.freePodSlots(at)}
                    />
                  </TableCell>
                  <TableCell align="right">
                    <Explained
                      value={formatCount(z.warmAddresses)}
                      {...explain.warmAddresses(at)}
                    />
                  </TableCell>
                  {withBranchEnis && (
                    <TableCell align="right">
                      {z.branchEnis ? (
                        <BranchEnis totals={z.branchEnis} at={at} />
                      ) : (
                        '–'
                      )}
                    </TableCell>
                  )}
                  <TableCell align="right">
                    <Explained
                      value={formatCount(z.additionalPods)}
                      {...explain.additionalPods(at)}
                    />
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      {LIMITED_BY[z.limitedBy] ?? z.limitedBy}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardSection>
      )}

      <BranchEniSection view={view} />

      <CardSection title="This component's pods failing IP assignment">
        {ipFailures.length === 0 ? (
          <NoData>None.</NoData>
        ) : (
          <Box
            component="ul"
            m={0}
            pl={2}
            aria-label={`Pods failing IP assignment on ${cluster.name}`}
          >
            {ipFailures.map(f => (
              <li key={`${f.namespace}/${f.podName}`}>
                <Typography variant="body2">
                  {f.namespace}/{f.podName}: {f.kind} ({f.count}×
                  {f.lastSeen ? `, last ${formatDateTime(f.lastSeen)}` : ''})
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {f.source}: {f.message}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </CardSection>
    </InfoCard>
  );
};
