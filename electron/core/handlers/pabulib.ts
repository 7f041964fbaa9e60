import { gunzipSync } from 'node:zlib';
import { AppError } from '../../../shared/api/errors';
import { add, fromInt, toDecimalString, ZERO } from '../../../shared/domain/allocation/rational';
import { ballotsFromNeeds } from '../../../shared/domain/allocation/need-ballots';
import { parsePb, PbParseError } from '../../../shared/domain/pabulib/pb-format';
import { PB_RULE_KEYS, pbApprovalProfile, runPbRuleOnProfile } from '../../../shared/domain/pabulib/rules';
import { scenarioToPb } from '../export/scenario-pb';
import { highsSolver } from '../solver/highs';
import { loadNeedLinks } from '../services/need-links';
import { rankedProjects } from '../services/ranking';
import { runScenario } from '../services/scenarios';
import type { HandlerMap } from './types';

export const pabulibHandlers = {
  'scenarios.exportPb': async (args, _caller, ctx) => {
    const result = await runScenario(ctx.store, args.scenarioId, highsSolver);
    const { round, rows } = await rankedProjects(ctx.store, result.scenario.roundId);
    const ballots = ballotsFromNeeds(loadNeedLinks(ctx.store, round.id), result.scenario.params.voterUnit);
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as
      { value: string } | undefined;
    const buffer = scenarioToPb({
      result,
      projects: rows,
      ballots,
      fiscalYear: round.fiscalYear,
      synthetic: synthetic?.value === '1',
    });
    return {
      fileName: `chipao-FY${round.fiscalYear}-scenario-${result.scenario.id}.pb.gz`,
      mimeType: 'application/gzip',
      base64: buffer.toString('base64'),
      totalFunded: result.totalFunded,
      fundedCount: result.fundedCount,
    };
  },
  'pabulib.analyze': (args) => {
    const raw = Buffer.from(args.base64, 'base64');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw);
    } catch {
      throw new AppError(
        'IMPORT_REJECTED',
        `${args.fileName}: not a UTF-8 .pb file or a gzip of one`,
        `${args.fileName}: ไม่ใช่ไฟล์ .pb (UTF-8) หรือไฟล์ .pb.gz`,
      );
    }
    let instance;
    try {
      instance = parsePb(text);
    } catch (error) {
      if (error instanceof PbParseError) {
        throw new AppError(
          'IMPORT_REJECTED',
          `${args.fileName}: ${error.message}`,
          `${args.fileName}: บรรทัดที่ ${error.line}: ${error.messageTh}`,
          [{ line: error.line, en: error.messageEn, th: error.messageTh }],
        );
      }
      throw error;
    }
    const profile = pbApprovalProfile(instance);
    const costOf = new Map(profile.projects.map((p) => [p.id, p.cost]));
    const rules = PB_RULE_KEYS.map((rule) => {
      const t0 = performance.now();
      const r = runPbRuleOnProfile(profile, rule);
      const seconds = (performance.now() - t0) / 1000;
      const total = r.selected.reduce((s, id) => add(s, costOf.get(id) ?? ZERO), fromInt(0));
      return { rule, selected: r.selected, totalCost: toDecimalString(total), seconds: Math.round(seconds * 1e4) / 1e4 };
    });
    const hasSelected = instance.projects.some((p) => p.fields['selected'] !== undefined);
    return {
      fileName: args.fileName,
      meta: instance.meta,
      projects: instance.projects.length,
      voters: instance.votes.length,
      distinctBallots: profile.ballots.length,
      rules,
      official: hasSelected
        ? instance.projects
            .filter((p) => Number(p.fields['selected'] ?? 0) >= 1)
            .map((p) => p.id)
            .sort()
        : null,
    };
  },
} satisfies Partial<HandlerMap>;
