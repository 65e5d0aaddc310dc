import type { TableColumn, TableState } from '@backstage/core-components';

/*
 * The rows a Backstage `Table` (core-components 0.18, on @material-table/core 3)
 * shows for a state it reported through `onStateChange`, so that an export can
 * write exactly those rows. The table narrows its data in two steps:
 *
 * 1. Filters (Backstage): each selected filter is keyed by a column title; a row
 *    passes when, for every filter with a non-empty selection, the row's raw
 *    `field` value is among the selected values (`includes`, so strict equality;
 *    array values need one value in common).
 * 2. Search (material-table): when the search text is not empty, a row passes when
 *    the trimmed text occurs, ignoring case, in `String(value)` of at least one
 *    searchable column's raw `field` value. A column is searchable when its
 *    `searchable` says so or, unset, when it is not `hidden`. Falsy values (0,
 *    '', false, undefined) never match. `render` and `emptyValue` only change what
 *    a cell shows: search looks at the field value, so "78%" does not find a spot
 *    share stored as 0.78, while "0.78" does. Columns without a field never match.
 *
 * Only the column shapes the fleet table uses are supported: top-level fields,
 * `searchable`, `hidden`. A column with a nested field path (`a.b`, `a[0]`),
 * `lookup` or `customFilterAndSearch` makes this throw, so that adding one to a
 * table fails its tests instead of exporting other rows than it shows. Hiding
 * columns at runtime (material-table's `columnsButton`) is not followed either.
 *
 * Sorting is not part of the reported state: the rows keep their data order.
 */

type Filters = NonNullable<TableState['filters']>;

function fieldOf<T extends object>(column: TableColumn<T>): string | undefined {
  if (column.lookup || column.customFilterAndSearch) {
    throw new Error(
      `visibleRows does not support lookup or customFilterAndSearch (column ${String(
        column.title,
      )})`,
    );
  }
  const field = column.field as string | undefined;
  if (field !== undefined && /[.[]/.test(field)) {
    throw new Error(`visibleRows supports only top-level fields, not ${field}`);
  }
  return field;
}

function valueOf<T extends object>(row: T, field: string): unknown {
  return (row as Record<string, unknown>)[field];
}

function activeFilters(filters: Filters | undefined) {
  return Object.entries(filters ?? {}).filter(
    ([, selected]) => selected.length > 0,
  );
}

function passesFilters<T extends object>(
  row: T,
  filters: Array<[string, string | string[]]>,
  fieldByTitle: Map<unknown, string | undefined>,
): boolean {
  return filters.every(([title, selected]) => {
    const value = valueOf(row, fieldByTitle.get(title)!);
    if (Array.isArray(value)) {
      return Array.isArray(selected)
        ? value.some(v => selected.includes(v))
        : value.includes(selected);
    }
    return Array.isArray(selected)
      ? selected.includes(value as string)
      : value === selected;
  });
}

function passesSearch<T extends object>(
  row: T,
  upperText: string,
  searchFields: string[],
): boolean {
  return searchFields.some(field => {
    const value = valueOf(row, field);
    return !!value && String(value).toUpperCase().includes(upperText);
  });
}

/** Whether `state` narrows the table: a search text or a non-empty filter. */
export function isTableNarrowed(state: TableState): boolean {
  return !!state.search || activeFilters(state.filters).length > 0;
}

/**
 * The rows of `rows` that a Backstage `Table` with `columns` shows in `state`
 * (what its `onStateChange` reported), in data order. See the comment at the top
 * of this file for the rules and the column shapes it supports.
 */
export function visibleRows<T extends object>(
  rows: T[],
  columns: TableColumn<T>[],
  state: TableState,
): T[] {
  // like the table: the first column with the filter's title
  const fieldByTitle = new Map<unknown, string | undefined>();
  for (const column of columns) {
    if (!fieldByTitle.has(column.title)) {
      fieldByTitle.set(column.title, fieldOf(column));
    }
  }
  const filters = activeFilters(state.filters);
  for (const [title] of filters) {
    // the table itself fails on such a filter
    if (fieldByTitle.get(title) === undefined) {
      throw new Error(`The table has no column with a field titled ${title}`);
    }
  }
  const search = state.search ?? '';
  const searchFields = columns
    .filter(c => (c.searchable === undefined ? !c.hidden : c.searchable))
    .map(c => fieldOf(c))
    .filter((field): field is string => field !== undefined);
  const upperText = search.trim().toUpperCase();

  return rows.filter(
    row =>
      passesFilters(row, filters, fieldByTitle) &&
      (!search || passesSearch(row, upperText, searchFields)),
  );
}
