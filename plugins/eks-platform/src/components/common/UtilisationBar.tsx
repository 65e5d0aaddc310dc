import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: {
    height: 8,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
  },
  ok: { backgroundColor: theme.palette.status.ok },
  warning: { backgroundColor: theme.palette.status.warning },
  error: { backgroundColor: theme.palette.status.error },
}));

/**
 * A used-share bar (0..1) coloured by how full it is: from 80% warning, from 95%
 * error, in the theme's status colours.
 */
export const UtilisationBar = (props: { value: number; label: string }) => {
  const classes = useStyles();
  const { value, label } = props;
  let bar = classes.ok;
  if (value >= 0.95) bar = classes.error;
  else if (value >= 0.8) bar = classes.warning;
  return (
    <LinearProgress
      variant="determinate"
      value={Math.min(100, Math.max(0, value * 100))}
      aria-label={label}
      classes={{ root: classes.root, bar }}
    />
  );
};
