import { appendAudit } from '../audit/audit-log';
import { highsSolver } from '../solver/highs';
import { approvedResult, assertScenarioEditable } from '../services/approval';
import { loadRound } from '../services/ranking';
import { diffScenarios, explainProject } from '../services/scenario-explain';
import { runScenario } from '../services/scenario-run';
import {
  createScenario,
  deleteScenario,
  getScenario,
  getScenarioIdentity,
  listScenarios,
  unreadableScenarios,
  updateScenario,
} from '../services/scenario-store';
import type { HandlerMap } from './types';

export const scenariosHandlers = {
  'scenarios.list': async (args, _caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    return listScenarios(ctx.store, args.roundId);
  },
  'scenarios.unreadable': async (args, _caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    return unreadableScenarios(ctx.store, args.roundId);
  },
  'scenarios.create': async (args, caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    const from = args.fromId ? await getScenario(ctx.store, args.fromId) : null;
    const id = ctx.store.sqlite.transaction(() => {
      const newId = createScenario(ctx.store, args, from);
      appendAudit(ctx.store.sqlite, caller.actor, 'scenario.created', { ...args, id: newId });
      return newId;
    })();
    ctx.emit('scenario.changed', { roundId: args.roundId, scenarioId: id });
    return getScenario(ctx.store, id);
  },
  'scenarios.update': async (args, caller, ctx) => {
    const current = await getScenario(ctx.store, args.scenarioId);
    assertScenarioEditable(ctx.store, current.id, 'edit');
    ctx.store.sqlite.transaction(() => {
      updateScenario(ctx.store, current, args);
      appendAudit(ctx.store.sqlite, caller.actor, 'scenario.updated', args);
    })();
    ctx.emit('scenario.changed', { roundId: current.roundId, scenarioId: current.id });
    return getScenario(ctx.store, args.scenarioId);
  },
  'scenarios.delete': async (args, caller, ctx) => {
    const current = await getScenarioIdentity(ctx.store, args.scenarioId);
    assertScenarioEditable(ctx.store, current.id, 'delete');
    ctx.store.sqlite.transaction(() => {
      deleteScenario(ctx.store, current.id);
      appendAudit(ctx.store.sqlite, caller.actor, 'scenario.deleted', { id: current.id, name: current.name });
    })();
    ctx.emit('scenario.changed', { roundId: current.roundId, scenarioId: current.id });
    return { deleted: current.id };
  },
  // An approved scenario shows its frozen plan, not a re-run over today's scores.
  'scenarios.run': (args, _caller, ctx) =>
    approvedResult(ctx.store, args.scenarioId) ?? runScenario(ctx.store, args.scenarioId, highsSolver, ctx.progress),
  'scenarios.diff': (args, _caller, ctx) => diffScenarios(ctx.store, args.a, args.b, highsSolver),
  'scenarios.explain': (args, _caller, ctx) => explainProject(ctx.store, args.scenarioId, args.projectId, highsSolver),
  'scenarios.cancelRun': async (args, caller, ctx) => ({
    // Only the owner's cancel may stop other users' runs on the shared worker (a member's cannot stop the owner's).
    cancelled: (await ctx.cancelScenarioRun?.(caller, args.scenarioId)) ?? false,
  }),
} satisfies Partial<HandlerMap>;
