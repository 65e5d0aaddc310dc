import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    ...theme.typography.body2,
  },
  term: {
    color: theme.palette.text.secondary,
  },
  value: {
    margin: 0,
    color: theme.palette.text.primary,
  },
}));

/** Labelled figures as a description list: label on the left, value on the right. */
export const FigureList = (props: {
  items: Array<{ label: string; value: ReactNode } | false | undefined>;
  'aria-label'?: string;
}) => {
  const classes = useStyles();
  return (
    <dl className={classes.list} aria-label={props['aria-label']}>
      {props.items
        .filter((i): i is { label: string; value: ReactNode } => !!i)
        .map(item => (
          <div key={item.label} style={{ display: 'contents' }}>
            <dt className={classes.term}>{item.label}</dt>
            <dd className={classes.value}>{item.value}</dd>
          </div>
        ))}
    </dl>
  );
};
