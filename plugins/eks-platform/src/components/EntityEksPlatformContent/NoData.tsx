import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** A card body that says why there is nothing to show. */
export const NoData = (props: { children: ReactNode }) => (
  <Typography variant="body2" color="textSecondary">
    {props.children}
  </Typography>
);
