/**
 * Worker entries bundled as the build bundles them (electron/scripts/build.mjs), for the tests that start threads from
 * them: each test file's bundles in a directory of its own beside node_modules, so that their packages resolve and no
 * other run replaces them meanwhile.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A new directory for one test file's bundles (removed by the caller). */
export function bundleDir(): string {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  return mkdtempSync(join(ROOT, 'node_modules/.cache/chipao-test-'));
}

/** Bundles `entry` (a path from the repository's root) into `dir` as `name`; the packages the bundle imports. */
export async function bundleEntry(entry: string, dir: string, name: string): Promise<{ file: string; imports: string[] }> {
  const file = join(dir, name);
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    format: 'esm',
    metafile: true,
    logLevel: 'warning',
  });
  return { file, imports: Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)) };
}
