import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { useMemo } from 'react';
import type { Dict } from '../i18n/th';
import { useI18n } from '../i18n/i18n-context';
import { FONT_FAMILY } from '../app/theme';

// Community modules only (see STACK.md): registered once for every grid in the app.
ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: FONT_FAMILY,
  headerFontFamily: FONT_FAMILY,
  fontSize: 14,
  // Room for Thai upper and lower vowels and tone marks.
  rowHeight: 40,
  headerHeight: 44,
  accentColor: '#1d4e89',
});

/** AG Grid ships no Thai locale; these are the keys the app's grids actually show. */
export function useGridLocale(): Dict['grid'] {
  const { t } = useI18n();
  return useMemo(() => ({ ...t.grid }), [t]);
}

/**
 * A grid column's text editor that stops typing at `maxLength` characters, the limit the contract's schema sets for
 * the field: a longer text would only be refused by the host.
 */
export function textEditor(
  maxLength: number,
): Readonly<{ cellEditor: 'agTextCellEditor'; cellEditorParams: { maxLength: number } }> {
  return { cellEditor: 'agTextCellEditor', cellEditorParams: { maxLength } };
}

/** Rows per page (and per block fetched) of the paged grids over large tables. */
const PAGE_SIZE = 100;

/**
 * The options every paged grid over a large table shares (needs, audit events, unmet needs): rows fetched a block at
 * a time through a datasource, shown a page at a time, identified by their `id`.
 */
export const PAGED_GRID = {
  rowModelType: 'infinite' as const,
  cacheBlockSize: PAGE_SIZE,
  pagination: true,
  paginationPageSize: PAGE_SIZE,
  paginationPageSizeSelector: [50, 100, 200],
  getRowId: (p: { data: { id: number } }): string => String(p.data.id),
};
