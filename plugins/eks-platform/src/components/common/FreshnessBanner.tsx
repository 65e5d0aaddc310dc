import { WarningPanel } from '@backstage/core-components';
import type { DataFreshness } from '@eks-platform/plugin-eks-platform-common';
import Typography from '@material-ui/core/Typography';
import { describeCollectionError, describeSource } from './dataSources';
import { formatDateTime, formatRelative } from './format';

/**
 * Says when a cluster's data is stale, partial or failed to collect: the failing
 * source and time, and the age of the data still shown. Renders nothing for fresh,
 * complete data.
 */
export const FreshnessBanner = (props: {
  freshness: DataFreshness;
  clusterName: string;
}) => {
  const { freshness, clusterName } = props;
  const { collectedAt, stale, lastError, partial, sourceErrors } = freshness;
  if (!stale && !lastError && partial.length === 0) {
    return null;
  }

  const age = collectedAt
    ? `the data shown was collected ${formatRelative(
        collectedAt,
      )} (${formatDateTime(collectedAt)})`
    : 'no data has been collected yet';

  let title: string;
  if (lastError && !collectedAt) {
    title = `${clusterName}: never collected, the latest attempt failed`;
  } else if (lastError) {
    title = `${clusterName}: the latest collection failed, showing older data`;
  } else if (stale) {
    title = `${clusterName}: stale data, collected ${
      collectedAt ? formatRelative(collectedAt) : 'never'
    }`;
  } else {
    title = `${clusterName}: partial data`;
  }

  return (
    <WarningPanel
      severity={lastError && !collectedAt ? 'error' : 'warning'}
      title={title}
      message={
        <>
          {lastError && (
            <Typography
              variant="body2"
              component="span"
              display="block"
              gutterBottom
            >
              {describeCollectionError(lastError)}: {lastError.message}
            </Typography>
          )}
          {partial.length > 0 && (
            <Typography
              variant="body2"
              component="span"
              display="block"
              gutterBottom
            >
              Missing from this snapshot:{' '}
              {partial.map(describeSource).join(', ')}. Figures that need it are
              left out.
            </Typography>
          )}
          {(sourceErrors ?? []).map(sourceError => (
            <Typography
              key={`${sourceError.source}-${sourceError.at}`}
              variant="body2"
              component="span"
              display="block"
              gutterBottom
            >
              {describeSource(sourceError.source)}:{' '}
              {describeCollectionError(sourceError)} at{' '}
              {formatDateTime(sourceError.at)}: {sourceError.message}
            </Typography>
          ))}
          <Typography variant="body2" component="span" display="block">
            {age[0].toUpperCase()}
            {age.slice(1)}.
          </Typography>
        </>
      }
    />
  );
};
