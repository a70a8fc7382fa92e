// An import that upgrades a solution with desktop flows: after an Upgrade the desktop flows' sharing is
// gone, so every cloud flow or person that runs them fails until they are shared again. An Update keeps
// it. Mechanisms and what each does: ../shared/reference/governance.md §3.2; the sharing loss is a
// community report (§3.5), so the message asks to verify it in the tenant.
import { assumedNote } from '../../analysis/pipeline/assumed';
import { importsOf, ImportMode } from '../../model/pipeline';
import { defineRule } from '../rule';

const HOW: Record<Exclude<ImportMode, 'update'>, string> = {
  'stage-and-upgrade': 'imports it as an Upgrade (stage and upgrade)',
  holding: 'stages it as a holding solution, and applying it upgrades',
  'pipeline-deploy': 'runs an in-product Power Platform pipeline, which always upgrades',
};

export default defineRule({
  meta: {
    id: 'pipeline/upgrade-drops-desktop-flow-sharing',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A deployment that upgrades a solution containing desktop flows: the flows\' sharing is removed, and callers fail until it is re-shared.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      if (!solution.desktopFlows.length) return;
      for (const linked of importsOf(solution)) {
        const { step } = linked;
        if (step.mode === 'update') continue;
        const flows = solution.desktopFlows.map(d => `"${d.name}"`);
        const named = flows.length > 3 ? `${flows.slice(0, 3).join(', ')} and ${flows.length - 3} more` : flows.join(', ');
        const which = assumedNote(linked, solution.uniqueName);
        ctx.report({
          message: `This step ${HOW[step.mode]} "${solution.uniqueName}"${which}, which contains the desktop flow${flows.length > 1 ? 's' : ''} ${named}: `
            + 'an Upgrade removes their sharing, so the cloud flows and people that run them fail until they are shared again (verify in your tenant). '
            + 'Re-share them after the deployment (a post-import step, or ALM Accelerator\'s FlowShareWithGroupTeamConfiguration), '
            + 'or import as an Update (no stage-and-upgrade, no holding), which keeps sharing but leaves components deleted from the solution in the target environment.',
          loc: step.modeLoc ?? step.loc,
          element: { kind: 'solution', name: solution.uniqueName },
        });
      }
    },
  },
});
