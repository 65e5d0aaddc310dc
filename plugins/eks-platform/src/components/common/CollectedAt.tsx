import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatDateTime, formatRelative } from './format';

/**
 * "collected 3 min ago", with the absolute time on hover; "never collected" when
 * no snapshot exists.
 */
export const CollectedAt = (props: { collectedAt?: string }) => {
  const { collectedAt } = props;
  if (!collectedAt) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        never collected
      </Typography>
    );
  }
  return (
    <Tooltip title={`Collected ${formatDateTime(collectedAt)}`}>
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        tabIndex={0}
      >
        collected{' '}
        <time dateTime={collectedAt}>{formatRelative(collectedAt)}</time>
      </Typography>
    </Tooltip>
  );
};
