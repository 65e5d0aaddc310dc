import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { Explained, type ExplainedProps } from '../common';

/**
 * A titled part of a cluster card, below the card's headline figures; `count`, when
 * given, follows the title in parentheses and explains itself.
 */
export const CardSection = (props: {
  title: string;
  count?: ExplainedProps;
  children: ReactNode;
}) => (
  <Box mt={3}>
    <Typography variant="subtitle2" component="h5" gutterBottom>
      {props.title}
      {props.count && (
        <>
          {' ('}
          <Explained {...props.count} />)
        </>
      )}
    </Typography>
    {props.children}
  </Box>
);
