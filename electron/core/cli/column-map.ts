/**
 * `--map FIELD=COLUMN`, for the import commands: a column chosen by hand for a field, as the preview's drop-downs
 * choose it, where a file's headings do not name it (a platform's export: "comment" for the need) or name another.
 * FIELD is a field's key ("title", "people_affected") or its Thai or English name ("ความต้องการ", "People affected");
 * COLUMN is the column's heading as the file writes it, or its letter ("D"); "FIELD=" leaves the field without a column.
 * The choices are laid over the mapping the import would use (remembered or suggested) for the file's first table.
 */
import type { ImportPreview } from '../../../shared/api/types';
import { columnLetter, firstGrid, letterColumn, remapped } from '../../../shared/domain/import/columns';
import { headerKey, type ColumnMapping, type TargetSchema } from '../../../shared/domain/import/target';
import { UsageError } from './usage';

/** Headings named in a refusal of an unknown column; the rest are counted. */
const HEADINGS_SHOWN = 30;

/** The mapping to import with: the one `preview` shows for the file's first table, with `choices` laid over it. */
export function mappingWithChoices(choices: readonly string[], schema: TargetSchema, preview: ImportPreview): ColumnMapping {
  const grid = firstGrid(preview);
  if (!grid) {
    throw new UsageError(
      '--map ใช้กับไฟล์ที่เป็นตาราง แต่ไม่พบตารางที่มีแถวหัวคอลัมน์ในไฟล์นี้',
      '--map chooses a table’s columns, and no table with a header row was found in this file',
    );
  }
  let mapping: Record<string, number> = { ...grid.mapping };
  for (const choice of choices) {
    const at = choice.indexOf('=');
    if (at <= 0) {
      throw new UsageError(
        `--map ต้องเป็น ชื่อช่อง=คอลัมน์ เช่น --map title=comment (ได้ '${choice}')`,
        `--map must be FIELD=COLUMN, such as --map title=comment (got '${choice}')`,
      );
    }
    const field = fieldOf(choice.slice(0, at), schema);
    const column = choice.slice(at + 1);
    mapping = remapped(mapping, field, column.trim() === '' ? null : columnOf(column, grid.labels));
  }
  return mapping;
}

function fieldOf(text: string, schema: TargetSchema): string {
  const key = headerKey(text);
  const f = schema.fields.find((x) => x.key === text.trim() || headerKey(x.th) === key || headerKey(x.en) === key);
  if (f) return f.key;
  const known = schema.fields.map((x) => `${x.key} (${x.th})`).join(', ');
  throw new UsageError(`--map: ไม่รู้จักช่อง '${text}' ช่องที่มี: ${known}`, `--map: no field '${text}'; the fields: ${known}`);
}

function columnOf(text: string, labels: readonly string[]): number {
  const key = headerKey(text);
  const named = labels.flatMap((l, i) => (key !== '' && headerKey(l) === key ? [i] : []));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    const letters = named.map(columnLetter).join(', ');
    throw new UsageError(
      `--map: คอลัมน์ชื่อ '${text}' มีหลายคอลัมน์ (${letters}) ระบุด้วยอักษรคอลัมน์แทน`,
      `--map: several columns are headed '${text}' (${letters}); name one by its letter`,
    );
  }
  const byLetter = letterColumn(text);
  if (byLetter !== null && byLetter < labels.length) return byLetter;
  const shown = labels.slice(0, HEADINGS_SHOWN).map((l, i) => `${columnLetter(i)}: ${l === '' ? '—' : l}`);
  const more =
    labels.length > HEADINGS_SHOWN
      ? { th: ` และอีก ${labels.length - HEADINGS_SHOWN} คอลัมน์`, en: `, and ${labels.length - HEADINGS_SHOWN} more` }
      : { th: '', en: '' };
  throw new UsageError(
    `--map: ไม่พบคอลัมน์ '${text}' คอลัมน์ของตาราง: ${shown.join(', ')}${more.th}`,
    `--map: no column '${text}'; the table's columns: ${shown.join(', ')}${more.en}`,
  );
}
