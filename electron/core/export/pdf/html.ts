/**
 * The printed page every PDF is made from: resources/print/document.html with its stylesheet, Sarabun inlined as
 * base64 `@font-face` (so the PDF embeds it whatever fonts the machine has), page numbers and the footer in the page
 * margins, and for a draft "ร่าง" across every page and in the header.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../../../shared/api/types';

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

/** A CSS string literal (for `content:` in the page margins). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/gu, (c) => `\\${c}`).replace(/[\n\r]/gu, ' ')}"`;
}

/**
 * The resources folder: CHIPAO_RESOURCES, else the packaged app's (`process.resourcesPath/resources`), else the
 * checkout's `resources/` (the working directory of the host, the command line and the tests).
 */
export function resourcesDir(): string {
  const fromEnv = process.env['CHIPAO_RESOURCES'];
  if (fromEnv) return fromEnv;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'print'))) return join(packaged, 'resources');
  return join(process.cwd(), 'resources');
}

const cache = new Map<string, string>();
function cached(key: string, read: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = read();
    cache.set(key, value);
  }
  return value;
}

const SUBSETS = {
  thai: 'U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

/** Sarabun 400 and 700, Thai and Latin, as `@font-face` rules with the woff2 files inlined. */
export function sarabunFontFaces(): string {
  return cached('fonts', () => {
    const require = createRequire(join(process.cwd(), 'package.json'));
    const rules: string[] = [];
    for (const weight of [400, 700]) {
      for (const [subset, range] of Object.entries(SUBSETS)) {
        const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`);
        const data = readFileSync(file).toString('base64');
        rules.push(
          `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
        );
      }
    }
    return rules.join('\n');
  });
}

export type PrintPage = Readonly<{
  lang: Lang;
  title: string;
  /** The page's HTML (already escaped where it holds data). */
  body: string;
  /** "ร่าง" for a draft: across every page and in the header; null for an approved document. */
  draftMark: string | null;
  /** Left of the footer on every page. */
  footer: string;
  /** "หน้า" / "Page" and "/" / "of" around the page numbers. */
  pageWord: string;
  ofWord: string;
  landscape?: boolean;
}>;

/** The whole self-contained HTML document to print. */
export function printPage(page: PrintPage): string {
  const dir = join(resourcesDir(), 'print');
  const template = cached('template', () => readFileSync(join(dir, 'document.html'), 'utf8'));
  const css = cached('css', () => readFileSync(join(dir, 'document.css'), 'utf8'));
  const margin = `font-family:'Sarabun',sans-serif;font-size:8.5pt;color:#444;`;
  const pageCss = `@page{size:A4${page.landscape ? ' landscape' : ''};margin:16mm 14mm 18mm 14mm;
@bottom-left{content:${cssString(page.footer)};${margin}}
@bottom-right{content:${cssString(`${page.pageWord} `)} counter(page) ${cssString(` ${page.ofWord} `)} counter(pages);${margin}}
${page.draftMark ? `@top-center{content:${cssString(page.draftMark)};font-family:'Sarabun',sans-serif;font-size:14pt;font-weight:bold;color:#c00000;}` : ''}}`;
  const fill: Record<string, string> = {
    lang: esc(page.lang),
    title: esc(page.title),
    fonts: sarabunFontFaces(),
    css,
    page: pageCss,
    watermark: page.draftMark ? `<div class="watermark" aria-hidden="true">${esc(page.draftMark)}</div>` : '',
    body: page.body,
  };
  return template.replace(/\{\{(\w+)\}\}/gu, (_m, key: string) => fill[key] ?? '');
}
