import { useTheme } from '@material-ui/core/styles';
import type { CSSProperties } from 'react';

/**
 * Chart colours and styles from the app theme's palette, so charts follow the light
 * and dark themes.
 */
export function useChartTheme() {
  const theme = useTheme();
  const { palette } = theme;
  const tooltip: CSSProperties = {
    backgroundColor: palette.background.paper,
    border: `1px solid ${palette.divider}`,
    color: palette.text.primary,
    fontSize: theme.typography.body2.fontSize,
  };
  return {
    series: [
      palette.primary.main,
      palette.secondary.main,
      palette.info.main,
      palette.success.main,
      palette.warning.main,
      palette.error.main,
    ],
    ok: palette.status.ok,
    warning: palette.status.warning,
    error: palette.status.error,
    text: palette.text.primary,
    axis: palette.text.secondary,
    grid: palette.divider,
    tick: { fill: palette.text.secondary, fontSize: 12 },
    tooltip,
    tooltipLabel: { color: palette.text.primary } as CSSProperties,
    legend: { color: palette.text.primary } as CSSProperties,
  };
}
