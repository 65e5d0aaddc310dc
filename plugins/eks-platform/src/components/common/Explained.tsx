import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  value: {
    // a text-like button: focusable and announced as something to activate
    background: 'none',
    border: 'none',
    padding: 0,
    margin: 0,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'inherit',
    borderBottom: `1px dotted ${theme.palette.text.secondary}`,
    cursor: 'help',
    fontVariantNumeric: 'tabular-nums',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  formula: {
    fontFamily: theme.typography.fontFamily,
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * Props of {@link Explained}.
 */
export type ExplainedProps = {
  /** The number (or short text) as shown. */
  value: ReactNode;
  /** How it is computed, e.g. `usable = 2^(32 - mask) - 5`. */
  formula: string;
  /** Where the inputs come from and when they were collected. */
  source: string;
};

/**
 * A number that explains itself: its formula and source in a tooltip on hover and
 * on keyboard focus (the number is a text-styled button, so keyboard and screen
 * reader users reach it; the tooltip is its description).
 */
export const Explained = (props: ExplainedProps) => {
  const classes = useStyles();
  const { value, formula, source } = props;
  return (
    <Tooltip
      arrow
      title={
        <>
          <Typography variant="body2" className={classes.formula}>
            {formula}
          </Typography>
          <Typography variant="caption" component="p">
            Source: {source}
          </Typography>
        </>
      }
    >
      <button type="button" className={classes.value} data-explained="true">
        {value}
      </button>
    </Tooltip>
  );
};
