import type { SpotRiskLevel } from '@eks-platform/plugin-eks-platform-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  low: {
    backgroundColor: theme.palette.status.ok,
    color: theme.palette.getContrastText(theme.palette.status.ok),
  },
  medium: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
  },
  high: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.getContrastText(theme.palette.status.error),
  },
}));

/** A workload's spot risk level as a chip: `high risk`. */
export const RiskChip = (props: { level: SpotRiskLevel }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={`${props.level} risk`}
      className={classes[props.level]}
    />
  );
};
