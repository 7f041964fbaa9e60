/**
 * What the desktop app's command line asks of the core (kept apart from main.ts, which needs Electron's runtime).
 */

/**
 * Whether a new, empty database gets the synthetic sample: yes unless `--no-seed` is given, so a province can start
 * its own database empty (`npm start -- --no-seed`, or the installed app started with `--no-seed`), as the browser
 * host (`npm run serve -- --no-seed`) can.
 * @example seedSampleFrom(['/usr/bin/electron', '.', '--no-seed']) // false
 */
export function seedSampleFrom(argv: readonly string[]): boolean {
  return !argv.includes('--no-seed');
}
