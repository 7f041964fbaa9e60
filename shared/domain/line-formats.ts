/**
 * Text written into line-based formats (Pabulib `.pb`, CSV) must not be able to break them: a newline in a scenario
 * name would otherwise start a new META line, and a cell starting with `=` runs as a formula in a spreadsheet.
 */

// Control characters (C0 except tab, DEL, C1), line and paragraph separators, and bidirectional overrides.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The text on one line: line breaks, other control characters and bidi overrides become one space each, tabs stay.
 *
 * @example oneLine('รอบที่ 1\nMETA;budget;0') // 'รอบที่ 1 META;budget;0'
 */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, ' ');
}

/** True when the text has a character that {@link oneLine} would replace. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/**
 * One CSV field (RFC 4180): quoted when it holds the separator, a quote or a line break; a leading `=`, `+`, `-`,
 * `@`, tab or carriage return gets an apostrophe first so a spreadsheet shows it as text instead of running it.
 *
 * @example csvField('=HYPERLINK("http://x")') // '"\'=HYPERLINK(""http://x"")"'
 * @example csvField('-5', { numeric: true }) // '-5'
 */
export function csvField(value: string | number | null | undefined, options: Readonly<{ numeric?: boolean }> = {}): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (!(options.numeric === true && typeof value === 'number') && /^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}
