/**
 * ChiPao command line: `npm run -s cli -- COMMAND ...`. Each command lives in its own file and is listed in
 * COMMANDS below. Usage errors and refused input (a bad file, an election MES cannot compute) exit with code 2 and a
 * Thai + English message on stderr; other failures exit 1.
 */
import { AppError } from '../../../shared/api/errors';
import { MesRangeError } from '../../../shared/domain/allocation/mes';
import { PbParseError } from '../../../shared/domain/pabulib/pb-format';
import { needsExportCommand, needsSyncCommand } from './needs-sync';
import { auditVerify } from './audit-verify';
import { approveCommand } from './approve';
import { planExportCommand } from './plan-export';
import { sampleCommand } from './sample';
import { pbAllocate } from './pb-allocate';
import { projectsExportCommand, projectsImportCommand } from './projects';
import { roundExport } from './round-export';
import { roundImport } from './round-import';
import { referenceImportCommand } from './reference-import';
import { OutFileError } from './out-file';
import { systemFailure } from '../system-failure';
import { UsageError, type Command } from './usage';

const COMMANDS: Readonly<Record<string, Command>> = {
  'pb-allocate': pbAllocate,
  'round-import': roundImport,
  'round-export': roundExport,
  sync: needsSyncCommand,
  'needs-export': needsExportCommand,
  'projects-import': projectsImportCommand,
  'projects-export': projectsExportCommand,
  'audit-verify': auditVerify,
  sample: sampleCommand,
  approve: approveCommand,
  'plan-export': planExportCommand,
  'reference-import': referenceImportCommand,
};

function usageText(lang: 'en' | 'th'): string {
  const head = lang === 'en' ? 'usage: cli' : 'วิธีใช้: cli';
  return Object.values(COMMANDS)
    .map((c) => `${head} ${c.usage[lang]}`)
    .join('\n');
}

const HELP = new Set(['--help', '-h', 'help']);

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  // `cli --help` lists every command; `cli COMMAND --help` that command's usage (exit 0, on stdout).
  if (name !== undefined && HELP.has(name)) {
    process.stdout.write(`${usageText('th')}\n${usageText('en')}\n`);
    return 0;
  }
  if (name !== undefined && Object.hasOwn(COMMANDS, name) && rest.some((a) => a === '--help' || a === '-h')) {
    const { usage } = COMMANDS[name]!;
    process.stdout.write(`วิธีใช้: cli ${usage.th}\nusage: cli ${usage.en}\n`);
    return 0;
  }
  try {
    const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (name === undefined || name === '') throw new UsageError('ไม่ได้ระบุคำสั่ง', 'no command given');
    if (!command) throw new UsageError(`ไม่รู้จักคำสั่ง "${name}"`, `unknown command "${name}"`);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      // A known command's mistake shows that command's usage; an unknown command, every command's.
      const own = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name]!.usage : undefined;
      const th = own ? `วิธีใช้: cli ${own.th}` : usageText('th');
      const en = own ? `usage: cli ${own.en}` : usageText('en');
      process.stderr.write(`${e.th}\n${th}\n${e.en}\n${en}\n`);
      return 2;
    }
    if (e instanceof PbParseError) {
      process.stderr.write(
        `ไฟล์ .pb ไม่ถูกต้อง${e.line > 0 ? ` (บรรทัด ${e.line})` : ''}: ${e.messageTh}\ninvalid .pb file: ${e.message}\n`,
      );
      return 2;
    }
    if (e instanceof AppError || e instanceof MesRangeError) {
      process.stderr.write(`${e.messageTh}\n${e.message}\n`);
      return 2;
    }
    if (e instanceof OutFileError) {
      process.stderr.write(`${e.th}\n${e.en}\n`);
      return 1;
    }
    // A file or database the system refused (a full disk, a file that is not a database): why, in Thai too.
    const known = systemFailure(e);
    if (known) {
      process.stderr.write(`เกิดข้อผิดพลาด: ${known.th}\nerror: ${known.en}\n`);
      return 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`เกิดข้อผิดพลาดภายในโปรแกรม\nerror: ${msg}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
