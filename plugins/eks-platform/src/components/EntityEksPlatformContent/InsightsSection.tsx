import type { InsightsSummary } from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { explain, formatCount } from '../common';
import { CardSection } from './CardSection';
import { NoData } from './NoData';

const useStyles = makeStyles(theme => ({
  ERROR: { borderColor: theme.palette.status.error },
  WARNING: { borderColor: theme.palette.status.warning },
}));

/** EKS's insight category of rollback readiness; every other category counts as upgrade readiness. */
export const ROLLBACK_READINESS = 'ROLLBACK_READINESS';

/**
 * One group of EKS insights: the failing ones of `total`, errors first. Categories are open
 * strings, so the caller chooses which belong here by name.
 */
export const InsightsSection = (props: {
  title: string;
  failing: InsightsSummary['failing'];
  total: number;
  at?: string;
}) => {
  const classes = useStyles();
  const { title, failing, total, at } = props;
  return (
    <CardSection
      title={title}
      count={{
        value: `${formatCount(failing.length)} of ${formatCount(total)}`,
        ...explain.insights(at),
      }}
    >
      {failing.length === 0 ? (
        <NoData>
          {total === 0 ? 'EKS reported no insights.' : 'All insights pass.'}
        </NoData>
      ) : (
        <Box component="ul" m={0} pl={2}>
          {failing.map(i => (
            <li key={`${i.category}:${i.id ?? i.name}`}>
              <Chip
                size="small"
                variant="outlined"
                className={classes[i.status as 'ERROR' | 'WARNING']}
                label={i.status}
              />{' '}
              <Typography variant="body2" component="span">
                {i.name}
                {i.kubernetesVersion ? ` (for ${i.kubernetesVersion})` : ''}
              </Typography>
              {i.reason && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {i.reason}
                </Typography>
              )}
            </li>
          ))}
        </Box>
      )}
    </CardSection>
  );
};

/** Insights split into upgrade readiness (every category but rollback) and rollback readiness. */
export function insightGroups(insights: InsightsSummary) {
  const totalOf = (keep: (category: string) => boolean) =>
    Object.entries(insights.byCategory)
      .filter(([category]) => keep(category))
      .reduce(
        (sum, [, counts]) =>
          sum + Object.values(counts).reduce((a, b) => a + b, 0),
        0,
      );
  const isRollback = (category?: string) => category === ROLLBACK_READINESS;
  return {
    upgrade: {
      failing: insights.failing.filter(i => !isRollback(i.category)),
      total: totalOf(c => !isRollback(c)),
    },
    rollback: {
      failing: insights.failing.filter(i => isRollback(i.category)),
      total: totalOf(isRollback),
    },
  };
}
