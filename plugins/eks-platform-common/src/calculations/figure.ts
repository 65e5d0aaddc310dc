/**
 * A computed figure with the arithmetic that produced it and where its rule comes from, so that
 * every package shows the same number with the same explanation instead of restating the formula.
 *
 * @public
 */
export type ExplainedFigure<T = number> = {
  value: T;
  /** The arithmetic in words, with the inputs filled in. */
  formula: string;
  /** The published rule the formula follows. */
  source: string;
};

/**
 * The standing rule behind a figure the views show: its formula in words and the API it is read
 * from. Views add when the data was collected; the rule sits beside the calculation it describes.
 *
 * @public
 */
export type FigureRule = {
  formula: string;
  source: string;
};
