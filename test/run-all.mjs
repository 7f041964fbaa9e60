// `npm test`: typecheck, lint, unit/property/handler tests (Vitest), build, end-to-end tests (Playwright in
// Debian's Chromium). Ends with one plain line `N passed, N failed, N skipped`, computed from the runners'
// JSON reports (CI reads that line), and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(label, command, args) {
  const r = run(label, command, args);
  if (r.ok) passed++;
  else failed++;
  lines.push(`${label}: ${r.ok ? 'ok' : 'FAILED'} (${r.seconds} s)`);
  return r.ok;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

if (want('typecheck')) check('typecheck', 'npm', ['run', '-s', 'typecheck']);
if (want('lint')) check('lint', 'npm', ['run', '-s', 'lint']);

if (want('unit')) {
  const out = join(reports, 'vitest.json');
  const r = run('unit', bin('vitest'), [
    'run',
    '--config',
    'test/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    // A suite that fails to load has no tests to count: count it as a failure.
    const brokenSuites = (j.testResults ?? []).filter(
      (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
    ).length;
    failed += brokenSuites;
    lines.push(`unit: ${j.numPassedTests} passed, ${j.numFailedTests + brokenSuites} failed (${r.seconds} s)`);
  } else {
    failed++;
    lines.push(`unit: no report (${r.seconds} s)`);
  }
}

if (want('e2e')) {
  const builtOk = check('build', 'npm', ['run', '-s', 'build']);
  if (builtOk) {
    const out = join(reports, 'playwright.json');
    const r = spawnSync(bin('playwright'), ['test', '--config', 'test/e2e/playwright.config.ts'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out, FORCE_COLOR: '0' },
    });
    if (existsSync(out)) {
      const s = JSON.parse(readFileSync(out, 'utf8')).stats;
      passed += s.expected + (s.flaky ?? 0);
      failed += s.unexpected;
      skipped += s.skipped;
      lines.push(`e2e: ${s.expected} passed, ${s.unexpected} failed, ${s.flaky ?? 0} flaky, ${s.skipped} skipped`);
    } else {
      failed++;
      lines.push(`e2e: no report (exit ${r.status})`);
    }
  }
}

console.log('\n=== summary');
for (const l of lines) console.log(`  ${l}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
