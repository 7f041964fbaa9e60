/**
 * `pb-allocate --rule RULE FILE.pb[.gz]` prints one JSON line `{"selected": [...], "seconds": s}` (selected ids
 * sorted as strings; seconds = rule computation time, parsing excluded). Ordinal, cumulative and scoring votes are read
 * as approvals, with a note on stderr saying so; so is a META count (`num_votes`, `num_projects`) the file does not hold.
 */
import { isPbRuleKey, PB_RULE_KEYS, pbApprovalProfile, runPbRuleOnProfile } from '../../../shared/domain/pabulib/rules';
import { pbCountMismatches, pbDuplicateVoters } from '../../../shared/domain/pabulib/pb-format';
import { readPbFile } from './pb-file';
import { requireInputFile, UsageError, type Command } from './usage';

const usage = {
  en: `pb-allocate --rule <${PB_RULE_KEYS.join('|')}> FILE.pb[.gz]`,
  th: `pb-allocate --rule <กฎ> ไฟล์.pb[.gz]`,
};

/** How the rules read votes that are not approvals (`pbApprovalProfile`), for a note on stderr. */
const READ_AS_APPROVAL: Readonly<Record<string, { en: string; th: string }>> = {
  ordinal: {
    en: 'the ordinal votes are read as approvals (every ranked project approved, the order not used)',
    th: 'คะแนนแบบจัดอันดับ (ordinal) อ่านเป็นการเห็นชอบ (ทุกโครงการที่จัดอันดับถือว่าเห็นชอบ ไม่ใช้ลำดับ)',
  },
  cumulative: {
    en: 'the cumulative votes are read as approvals (every project with points approved, the points not used)',
    th: 'คะแนนแบบสะสม (cumulative) อ่านเป็นการเห็นชอบ (ทุกโครงการที่ได้คะแนนถือว่าเห็นชอบ ไม่ใช้จำนวนคะแนน)',
  },
  scoring: {
    en: 'the scoring votes are read as approvals (every project with a positive score approved, the scores not used)',
    th: 'คะแนนแบบให้คะแนน (scoring) อ่านเป็นการเห็นชอบ (ทุกโครงการที่ได้คะแนนบวกถือว่าเห็นชอบ ไม่ใช้ค่าคะแนน)',
  },
};

function parseArgs(argv: readonly string[]): { rule: string; file: string } {
  let rule: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rule') rule = argv[++i];
    else if (a.startsWith('--rule=')) rule = a.slice('--rule='.length);
    else if (a.startsWith('--')) throw new UsageError(`ไม่รู้จักตัวเลือก ${a}`, `unknown option ${a}`);
    else files.push(a);
  }
  if (rule === undefined) throw new UsageError('ไม่ได้ระบุ --rule', 'missing --rule');
  if (files.length !== 1) throw new UsageError('ต้องระบุไฟล์ .pb หนึ่งไฟล์', 'expected exactly one .pb file');
  return { rule, file: files[0]! };
}

export const pbAllocate: Command = {
  usage,
  async run(argv) {
    const { rule, file } = parseArgs(argv);
    if (!isPbRuleKey(rule)) {
      throw new UsageError(
        `ไม่รู้จักกฎ "${rule}" (ใช้ได้: ${PB_RULE_KEYS.join(', ')})`,
        `unknown rule "${rule}" (known: ${PB_RULE_KEYS.join(', ')})`,
      );
    }
    requireInputFile(file);
    const instance = await readPbFile(file);
    // The rules read every ballot as an approval set: say so when the file's votes are not approvals.
    const note = READ_AS_APPROVAL[instance.meta['vote_type'] ?? ''];
    if (note) process.stderr.write(`หมายเหตุ: ${note.th}\nnote: ${note.en}\n`);
    // Counts META declares that the file does not hold: a file cut short is still read, but not in silence.
    for (const m of pbCountMismatches(instance.meta, instance.projects.length, instance.votes.length)) {
      process.stderr.write(
        `หมายเหตุ: META ระบุ ${m.key} ${m.declared} แต่ไฟล์มี ${m.found} (ไฟล์อาจถูกตัดหรือถูกแก้ไขโดยไม่ได้ปรับ META)\n` +
          `note: META declares ${m.key} ${m.declared} but the file holds ${m.found} (it may be cut short, or edited ` +
          'without its META)\n',
      );
    }
    const twice = pbDuplicateVoters(instance.votes);
    if (twice) {
      process.stderr.write(
        `หมายเหตุ: voter_id ${twice.ids.toLocaleString('th-TH')} รหัสปรากฏมากกว่าหนึ่งครั้ง (เช่น "${twice.first}" ${twice.times} ครั้ง) ` +
          'ทุกบัตรถูกนับ: ตรวจว่ามีบัตรซ้ำหรือไฟล์ถูกนำมาต่อกันหรือไม่\n' +
          `note: ${twice.ids.toLocaleString('en-US')} voter_ids appear more than once ("${twice.first}" ${twice.times} times): ` +
          'every ballot is counted; check for a ballot pasted twice or files joined\n',
      );
    }
    const t0 = performance.now();
    const profile = pbApprovalProfile(instance);
    const result = runPbRuleOnProfile(profile, rule);
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`${JSON.stringify({ selected: result.selected, seconds: Number(seconds.toFixed(6)) })}\n`);
    return 0;
  },
};
