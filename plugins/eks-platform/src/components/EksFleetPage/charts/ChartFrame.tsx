import {
  cloneElement,
  createContext,
  useContext,
  type ReactElement,
} from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A fixed chart size. Provide it where the container cannot be measured (tests in
 * jsdom, screenshots); without it charts fill their container's width.
 */
export const ChartSizeContext = createContext<
  { width: number; height: number } | undefined
>(undefined);

/**
 * Sizes a recharts chart: responsive to the container's width, or the fixed size
 * from {@link ChartSizeContext}.
 */
export const ChartFrame = (props: {
  height: number;
  children: ReactElement<{ width?: number; height?: number }>;
}) => {
  const context = useContext(ChartSizeContext);
  // without ResizeObserver (old browsers, jsdom) the container cannot be measured
  const fixed =
    context ??
    (typeof ResizeObserver === 'undefined'
      ? { width: 640, height: props.height }
      : undefined);
  if (fixed) {
    return cloneElement(props.children, {
      width: fixed.width,
      height: fixed.height,
    });
  }
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      {props.children}
    </ResponsiveContainer>
  );
};
