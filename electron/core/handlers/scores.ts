import { AppError } from '../../../shared/api/errors';
import { appendAudit } from '../audit/audit-log';
import type { HandlerMap } from './types';

export const scoresHandlers = {
  'scores.forMember': async (args, _caller, ctx) => {
    const rows = await ctx.store.db
      .selectFrom('score')
      .innerJoin('project', 'project.id', 'score.project_id')
      .select(['score.project_id', 'score.criterion_id', 'score.value', 'score.version'])
      .where('project.round_id', '=', args.roundId)
      .where('score.member_id', '=', args.memberId)
      .execute();
    return rows.map((r) => ({ projectId: r.project_id, criterionId: r.criterion_id, value: r.value, version: r.version }));
  },
  'scores.set': (args, caller, ctx) => {
    const { sqlite } = ctx.store;
    const criterion = sqlite
      .prepare('SELECT id, code, name_th, name_en, scale_min, scale_max, kind FROM criterion WHERE id = ? AND round_id = ?')
      .get(args.criterionId, args.roundId) as
      | { id: number; code: string; name_th: string; name_en: string; scale_min: number; scale_max: number; kind: string }
      | undefined;
    const member = sqlite
      .prepare('SELECT id, name, active FROM member WHERE id = ? AND round_id = ?')
      .get(args.memberId, args.roundId) as { id: number; name: string; active: number } | undefined;
    const project = sqlite
      .prepare('SELECT id, code FROM project WHERE id = ? AND round_id = ?')
      .get(args.projectId, args.roundId) as { id: number; code: string } | undefined;
    if (!criterion || !member || !project) {
      throw new AppError(
        'NOT_FOUND',
        'member, project or criterion is not in this round',
        'ไม่พบกรรมการ โครงการ หรือเกณฑ์นี้ในรอบการพิจารณา',
      );
    }
    if (!member.active) {
      throw new AppError(
        'INVALID_STATE',
        `${member.name} is no longer an active committee member; their scores cannot change`,
        `${member.name} ไม่ได้เป็นกรรมการที่ปฏิบัติหน้าที่อยู่แล้ว จึงแก้ไขคะแนนไม่ได้`,
      );
    }
    if (criterion.kind !== 'member') {
      throw new AppError(
        'INVALID_STATE',
        `criterion '${criterion.name_en}' is computed from needs, not scored`,
        `เกณฑ์ '${criterion.name_th}' คำนวณจากข้อมูลความต้องการ ไม่ต้องให้คะแนน`,
      );
    }
    if (args.value < criterion.scale_min || args.value > criterion.scale_max) {
      throw new AppError(
        'SCORE_OUT_OF_RANGE',
        `project ${project.code}, '${criterion.name_en}': ${args.value} is outside the scale ${criterion.scale_min}–${criterion.scale_max}`,
        `โครงการ ${project.code} เกณฑ์ '${criterion.name_th}': คะแนน ${args.value} อยู่นอกช่วง ${criterion.scale_min}–${criterion.scale_max}`,
      );
    }
    const saved = sqlite.transaction(() => {
      const current = sqlite
        .prepare('SELECT value, version FROM score WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
        .get(args.memberId, args.projectId, args.criterionId) as { value: number; version: number } | undefined;
      const currentVersion = current?.version ?? 0;
      if (args.expectedVersion !== currentVersion) {
        const shown = current ? `${current.value}` : '—';
        throw new AppError(
          'VERSION_CONFLICT',
          `project ${project.code}, '${criterion.name_en}': this score was changed elsewhere (now ${shown}, version ${currentVersion}); your value was not saved`,
          `โครงการ ${project.code} เกณฑ์ '${criterion.name_th}': คะแนนนี้ถูกแก้ไขจากที่อื่นแล้ว (ขณะนี้ ${shown} รุ่น ${currentVersion}) ค่าที่ท่านกรอกยังไม่ได้บันทึก`,
        );
      }
      const version = currentVersion + 1;
      sqlite
        .prepare(
          `INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (member_id, project_id, criterion_id) DO UPDATE SET value = excluded.value, version = excluded.version,
          updated_at = excluded.updated_at`,
        )
        .run(args.memberId, args.projectId, args.criterionId, args.value, version, new Date().toISOString());
      appendAudit(sqlite, caller.actor, 'score.set', args);
      return { projectId: args.projectId, criterionId: args.criterionId, value: args.value, version };
    })();
    ctx.emit('scores.changed', {
      roundId: args.roundId,
      memberId: args.memberId,
      projectId: args.projectId,
      criterionId: args.criterionId,
    });
    ctx.emit('allocation.changed', { roundId: args.roundId });
    return saved;
  },
} satisfies Partial<HandlerMap>;
