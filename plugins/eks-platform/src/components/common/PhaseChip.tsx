import type { SupportPhase } from '@eks-platform/plugin-eks-platform-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const LABELS: Record<SupportPhase, string> = {
  standard: 'standard support',
  extended: 'extended support',
  unsupported: 'unsupported',
  unknown: 'phase unknown',
};

const useStyles = makeStyles(theme => ({
  standard: {
    borderColor: theme.palette.status.ok,
    color: theme.palette.text.primary,
  },
  extended: {
    borderColor: theme.palette.status.warning,
    color: theme.palette.text.primary,
  },
  unsupported: {
    borderColor: theme.palette.status.error,
    color: theme.palette.text.primary,
  },
  unknown: {
    borderColor: theme.palette.divider,
    color: theme.palette.text.secondary,
  },
}));

/** The support phase of a Kubernetes version as a chip. */
export const PhaseChip = (props: { phase: SupportPhase }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={LABELS[props.phase] ?? props.phase}
      className={classes[props.phase] ?? classes.unknown}
    />
  );
};
