/**
 * Wrapping chart titles and labels at word boundaries. Thai writes no spaces between words, so a break chosen by
 * counting characters cuts words in half; `Intl.Segmenter('th')` finds the words (ICU's Thai dictionary).
 */

const words = new Intl.Segmenter('th', { granularity: 'word' });

/** Columns a text takes: combining marks (Thai vowels above and below, tone marks) sit on the letter before them. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) if (!/\p{M}/u.test(ch)) width += 1;
  return width;
}

/** The text cut into its words and the spaces between them, in order (joined back they are the text). */
export function wordSegments(text: string): string[] {
  return Array.from(words.segment(text), (s) => s.segment);
}

/**
 * Lines of at most `maxWidth` columns, broken only between words, never inside one and never shortened: a word longer
 * than a line stands alone on its own line. Spaces at a break are dropped.
 *
 * @example wrapWords('ยุทธศาสตร์การพัฒนาเกษตรกรรม', 12) // ['ยุทธศาสตร์การ', 'พัฒนา', 'เกษตรกรรม']
 */
export function wrapWords(text: string, maxWidth: number): string[] {
  if (!Number.isInteger(maxWidth) || maxWidth < 1) throw new RangeError(`not a line width: ${maxWidth}`);
  const lines: string[] = [];
  let line = '';
  for (const segment of wordSegments(text)) {
    const blank = segment.trim() === '';
    if (line === '' && blank) continue;
    if (line !== '' && !blank && displayWidth(line + segment) > maxWidth) {
      lines.push(line.trimEnd());
      line = segment;
    } else line += segment;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/**
 * The wrapped text as one string with line breaks, as chart labels take it (ECharts draws `\n` as a new line).
 *
 * @example wrapLabel('อำเภอเฉลิมพระเกียรติ', 10) // 'อำเภอ\nเฉลิมพระเกียรติ'
 */
export function wrapLabel(text: string, maxWidth: number): string {
  return wrapWords(text, maxWidth).join('\n');
}
