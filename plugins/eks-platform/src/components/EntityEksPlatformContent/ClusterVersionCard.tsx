import { InfoCard } from '@backstage/core-components';
import type {
  EntityClusterView,
  SkewStatus,
} from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Explained,
  FigureList,
  PhaseChip,
  explain,
  formatCount,
  formatDays,
} from '../common';
import { CardSection } from './CardSection';
import { InsightsSection, insightGroups } from './InsightsSection';
import { NoData } from './NoData';

const useStyles = makeStyles(theme => ({
  ok: { borderColor: theme.palette.status.ok },
  warn: { borderColor: theme.palette.status.warning },
  violation: { borderColor: theme.palette.status.error },
  unknown: { borderColor: theme.palette.divider },
}));

const SKEW_LABEL: Record<SkewStatus, string> = {
  ok: 'ok',
  warn: 'at the limit',
  violation: 'violation',
  unknown: 'unknown',
};

/**
 * The support phase of the cluster's Kubernetes version, its deadlines, the rollback
 * window of its last in-place upgrade, kubelet skew per node group, failing upgrade and
 * rollback-readiness insights and add-ons that block the next version.
 */
export const ClusterVersionCard = (props: { view: EntityClusterView }) => {
  const classes = useStyles();
  const { cluster, version } = props.view;
  const at = cluster.collectedAt;

  if (!version) {
    return (
      <InfoCard
        title="Cluster version"
        titleTypographyProps={{ component: 'h4' }}
      >
        <NoData>
          {cluster.version
            ? `Kubernetes ${cluster.version.kubernetesVersion}: ${cluster.version.summary}`
            : 'The EKS API has not been read for this cluster yet.'}
        </NoData>
      </InfoCard>
    );
  }

  const { status } = version;
  const incompatible = version.addons.filter(a => a.compatible === false);
  const insights = insightGroups(version.insights);
  const { rollback } = version;
  /** A support deadline with where it comes from, when EKS (or the calendar) knows it. */
  const supportDate = (
    label: string,
    date: string | undefined,
    field: 'endOfStandardSupportDate' | 'endOfExtendedSupportDate',
  ) =>
    date !== undefined && {
      label,
      value: (
        <Explained
          value={date}
          {...explain.supportDate(at, field, status.source)}
        />
      ),
    };

  return (
    <InfoCard
      title="Cluster version"
      titleTypographyProps={{ component: 'h4' }}
      subheader={status.summary}
    >
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={2}>
        <Typography variant="h6" component="p">
          Kubernetes {status.version}
        </Typography>
        <PhaseChip phase={status.phase} />
      </Box>
      <FigureList
        aria-label={`Version of ${cluster.name}`}
        items={[
          supportDate(
            'End of standard support',
            status.endOfStandardSupport,
            'endOfStandardSupportDate',
          ),
          supportDate(
            'End of extended support',
            status.endOfExtendedSupport,
            'endOfExtendedSupportDate',
          ),
          status.daysLeftInPhase !== undefined && {
            label: 'Days left in phase',
            value: (
              <Explained
                value={formatDays(status.daysLeftInPhase)}
                {...explain.daysLeftInPhase(at, status.source)}
              />
            ),
          },
          status.nextDeadline && {
            label: 'Next deadline',
            value: `${status.nextDeadline.date}: ${status.nextDeadline.description}`,
          },
          {
            label: 'Upgrade policy',
            value: version.upgradePolicy ?? status.supportType,
          },
          status.nextVersion !== undefined && {
            label: 'Next version',
            value: status.nextVersion,
          },
          // Nothing to say of a cluster EKS never upgraded in place.
          rollback &&
            rollback.status !== 'no-upgrade' && {
              label: 'Rollback',
              value: (
                <Explained
                  value={rollback.summary}
                  {...explain.rollbackWindow(at, rollback)}
                />
              ),
            },
        ]}
      />

      <CardSection title="Kubelet skew per node group">
        {version.skew.length === 0 ? (
          <NoData>No node groups reported.</NoData>
        ) : (
          <Box component="ul" m={0} pl={2}>
            {version.skew.map(s => (
              <li key={s.nodeGroup}>
                <Typography variant="body2" component="span">
                  {s.nodeGroup}: kubelet {s.kubeletVersions.join(', ')},{' '}
                  {s.worst.minorsBehind !== undefined ? (
                    <Explained
                      value={`${s.worst.minorsBehind} behind`}
                      {...explain.kubeletSkew(at)}
                    />
                  ) : (
                    'skew unknown'
                  )}{' '}
                </Typography>
                <Chip
                  size="small"
                  variant="outlined"
                  className={classes[s.worst.status]}
                  label={SKEW_LABEL[s.worst.status]}
                />
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {s.worst.reason}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </CardSection>

      <InsightsSection
        title="Failing upgrade insights"
        {...insights.upgrade}
        at={at}
      />
      {insights.rollback.total > 0 && (
        <InsightsSection
          title="Failing rollback-readiness insights"
          {...insights.rollback}
          at={at}
        />
      )}

      <CardSection
        title="Incompatible add-ons"
        count={{
          value: formatCount(incompatible.length),
          ...explain.addons(at),
        }}
      >
        {incompatible.length === 0 ? (
          <NoData>
            {version.addons.length === 0
              ? 'No add-on data.'
              : `All installed add-ons support ${version.addons[0].targetClusterVersion}.`}
          </NoData>
        ) : (
          <Box component="ul" m={0} pl={2}>
            {incompatible.map(a => (
              <li key={a.addonName}>
                <Typography variant="body2">{a.reason}</Typography>
              </li>
            ))}
          </Box>
        )}
      </CardSection>
    </InfoCard>
  );
};
