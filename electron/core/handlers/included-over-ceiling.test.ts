/**
 * The round's live allocation (allocation.run, the workshop projector) when the committee's included projects alone
 * take more than the round's ceiling: no plan fits, nothing is funded, and the view says what the inclusions take.
 */
import { describe, expect, it } from 'vitest';
import type { AllocationView, ProjectRow, RoundDetail } from '../../../shared/api/types';
import type { ProjectorView } from '../../../shared/api/workshop';
import { useTestCore } from './test-core';

const { ok } = useTestCore('chipao-included-over-ceiling-', { needs: 200, projects: 12 });

describe("the committee's inclusions above the ceiling", () => {
  it('leave the live allocation and the projector without a plan, naming what they take', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const [a, b] = [...projects].sort((x, y) => y.requested - x.requested);
    for (const p of [a!, b!]) {
      await ok('judgement.addOverride', { roundId: 1, projectId: p.id, kind: 'include', reason: 'นโยบายเร่งด่วน', requestedBy: 2 });
    }
    const included = a!.requested + b!.requested;
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling: included - 1 });
    const view = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    expect(view).toMatchObject({ budget: included - 1, totalFunded: 0, remaining: included - 1, fundedCount: 0 });
    expect(view.includedOverCeiling).toBe(included);
    expect(view.rows.every((r) => r.funded === 0)).toBe(true);

    await ok('workshop.open', { roundId: 1 });
    await ok('workshop.reveal', { revealed: true });
    const shown = await ok<ProjectorView>('workshop.projector', {});
    expect(shown.results).toMatchObject({ ceiling: included - 1, totalFunded: 0, fundedCount: 0, includedOverCeiling: included });

    // At the inclusions' total they fit: both are funded in full, and the view says nothing is over.
    await ok<RoundDetail>('rounds.setCeiling', { roundId: 1, ceiling: included });
    const fits = await ok<AllocationView>('allocation.run', { roundId: 1, rule: 'greedy' });
    expect(fits).toMatchObject({ totalFunded: included, remaining: 0, includedOverCeiling: null });
    expect((await ok<ProjectorView>('workshop.projector', {})).results?.includedOverCeiling).toBeNull();
  });
});
