import {
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipProps,
  type XAxisProps,
  type YAxisProps,
} from 'recharts';
import { shortTimeLabel } from './time';
import { useChartTheme } from './useChartTheme';

/*
 * The guides of the fleet charts (grid, axes, tooltip and legend), drawn the same way
 * in every chart and coloured from the app theme. Recharts 3 reads its children
 * through context, so these components stand where the plain recharts elements would.
 */

type TooltipFormatter = TooltipProps<any, any>['formatter'];

const ChartGrid = () => {
  const chart = useChartTheme();
  return <CartesianGrid stroke={chart.grid} strokeDasharray="3 3" />;
};

const ChartXAxis = (props: XAxisProps) => {
  const chart = useChartTheme();
  return <XAxis {...props} stroke={chart.axis} tick={chart.tick} />;
};

const ChartYAxis = (props: YAxisProps) => {
  const chart = useChartTheme();
  return <YAxis {...props} stroke={chart.axis} tick={chart.tick} />;
};

const ChartTooltip = (
  props: Pick<TooltipProps<any, any>, 'formatter' | 'labelFormatter'>,
) => {
  const chart = useChartTheme();
  return (
    <Tooltip
      contentStyle={chart.tooltip}
      labelStyle={chart.tooltipLabel}
      {...props}
    />
  );
};

const ChartLegend = () => {
  const chart = useChartTheme();
  return <Legend wrapperStyle={chart.legend} />;
};

/**
 * The guides of a history chart: sample time (`t`, epoch ms) from first to last
 * sample along x, the values along y, a tooltip labelled with the sample time.
 */
export const TimeSeriesGuides = (props: {
  valueAxis: YAxisProps;
  formatter: TooltipFormatter;
}) => (
  <>
    <ChartGrid />
    <ChartXAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      tickFormatter={shortTimeLabel}
    />
    <ChartYAxis {...props.valueAxis} />
    <ChartTooltip
      labelFormatter={label => shortTimeLabel(Number(label))}
      formatter={props.formatter}
    />
    <ChartLegend />
  </>
);

/**
 * The guides of a horizontal bar chart with one bar per cluster: the values along
 * x, the cluster names (`name`) along y in a column `nameWidth` wide.
 */
export const ClusterBarGuides = (props: {
  valueAxis: XAxisProps;
  nameWidth: number;
  formatter?: TooltipFormatter;
}) => (
  <>
    <ChartGrid />
    <ChartXAxis type="number" {...props.valueAxis} />
    <ChartYAxis type="category" dataKey="name" width={props.nameWidth} />
    <ChartTooltip formatter={props.formatter} />
    <ChartLegend />
  </>
);
