/**
 * One fresh host and data directory per test: the host seeds the synthetic sample into its own SQLite file,
 * listens on a free loopback port, and is stopped (and its folder removed) after the test.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type App = Readonly<{ url: string; dataDir: string }>;

export const test = base.extend<{ app: App; hostArgs: readonly string[] }>({
  /** Extra host options for a spec (`test.use({ hostArgs: ['--no-seed'] })` starts from an empty database). */
  hostArgs: [[], { option: true }],
  app: async ({ hostArgs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chipao-e2e-'));
    const args = [join(repoRoot, 'dist/electron/host.mjs'), '--data-dir', dataDir, '--port', '0', ...hostArgs];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start in 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = /serving on (http:\/\/\S+)/u.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
    });
    await use({ url, dataDir });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** A screenshot of the whole page, kept with the test's output and attached to its report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Writes a synthetic sample database of `needs` needs and `projects` proposals at `db` through the command line. */
export function writeSample(db: string, needs: number, projects: number): void {
  const made = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'electron/core/cli/main.ts'),
      'sample',
      '--db',
      db,
      '--needs',
      String(needs),
      '--projects',
      String(projects),
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`the sample could not be written: ${made.stderr}`);
}
