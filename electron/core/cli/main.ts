/**
 * ChiPao command line. `pb-allocate --rule RULE FILE.pb[.gz]` prints one JSON line
 * `{"selected": [...], "seconds": s}` (selected ids sorted as strings; seconds = rule computation time, parsing excluded).
 * Usage errors exit with code 2 and a Thai + English message on stderr.
 */
import { access } from 'node:fs/promises';
import { PbParseError } from '../../../shared/domain/pabulib/pb-format';
import { isPbRuleKey, PB_RULE_KEYS, pbApprovalProfile, runPbRuleOnProfile } from '../../../shared/domain/pabulib/rules';
import { readPbFile } from './pb-file';

class UsageError extends Error {
  constructor(
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const USAGE_EN = `usage: cli pb-allocate --rule <${PB_RULE_KEYS.join('|')}> FILE.pb[.gz]`;
const USAGE_TH = `วิธีใช้: cli pb-allocate --rule <กฎ> ไฟล์.pb[.gz]`;

function parseArgs(argv: readonly string[]): { rule: string; file: string } {
  const [command, ...rest] = argv;
  if (command !== 'pb-allocate')
    throw new UsageError(`ไม่รู้จักคำสั่ง "${command ?? ''}"\n${USAGE_TH}`, `unknown command "${command ?? ''}"\n${USAGE_EN}`);
  let rule: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--rule') rule = rest[++i];
    else if (a.startsWith('--rule=')) rule = a.slice('--rule='.length);
    else if (a.startsWith('--')) throw new UsageError(`ไม่รู้จักตัวเลือก ${a}\n${USAGE_TH}`, `unknown option ${a}\n${USAGE_EN}`);
    else files.push(a);
  }
  if (rule === undefined) throw new UsageError(`ไม่ได้ระบุ --rule\n${USAGE_TH}`, `missing --rule\n${USAGE_EN}`);
  if (files.length !== 1) throw new UsageError(`ต้องระบุไฟล์ .pb หนึ่งไฟล์\n${USAGE_TH}`, `expected exactly one .pb file\n${USAGE_EN}`);
  return { rule, file: files[0]! };
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const { rule, file } = parseArgs(argv);
    if (!isPbRuleKey(rule)) {
      throw new UsageError(
        `ไม่รู้จักกฎ "${rule}" (ใช้ได้: ${PB_RULE_KEYS.join(', ')})`,
        `unknown rule "${rule}" (known: ${PB_RULE_KEYS.join(', ')})`,
      );
    }
    try {
      await access(file);
    } catch {
      throw new UsageError(`ไม่พบไฟล์ ${file}`, `file not found: ${file}`);
    }
    const instance = await readPbFile(file);
    const t0 = performance.now();
    const profile = pbApprovalProfile(instance);
    const result = runPbRuleOnProfile(profile, rule);
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`${JSON.stringify({ selected: result.selected, seconds: Number(seconds.toFixed(6)) })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.th}\n${e.en}\n`);
      return 2;
    }
    if (e instanceof PbParseError) {
      process.stderr.write(
        `ไฟล์ .pb ไม่ถูกต้อง${e.line > 0 ? ` (บรรทัด ${e.line})` : ''}: ${e.messageTh}\ninvalid .pb file: ${e.message}\n`,
      );
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`เกิดข้อผิดพลาด: ${msg}\nerror: ${msg}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
