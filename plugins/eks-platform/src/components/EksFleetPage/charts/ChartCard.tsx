import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/**
 * A chart in a card, with its loading and error states and a text summary for
 * readers who do not see the chart.
 */
export const ChartCard = (props: {
  title: string;
  subheader?: string;
  loading?: boolean;
  error?: Error;
  empty?: string;
  summary?: ReactNode;
  children?: ReactNode;
  testId: string;
}) => {
  const { title, subheader, loading, error, empty, summary, children, testId } =
    props;
  let body: ReactNode;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (empty)
    body = (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  else
    body = (
      <>
        <figure aria-label={title} style={{ margin: 0 }} data-testid={testId}>
          {children}
        </figure>
        {summary && (
          <Typography variant="body2" color="textSecondary" component="div">
            {summary}
          </Typography>
        )}
      </>
    );
  return (
    <InfoCard
      title={title}
      subheader={subheader}
      titleTypographyProps={{ component: 'h3' }}
    >
      {body}
    </InfoCard>
  );
};
