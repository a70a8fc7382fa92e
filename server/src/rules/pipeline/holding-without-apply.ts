// An import as a holding solution stays staged (`<name>_Upgrade` beside the old version) until an apply
// step runs: PowerPlatformApplySolutionUpgrade@2, the upgrade-solution action or `pac solution upgrade`
// (governance.md §3.2). Without one in the same pipeline file, the upgrade never completes there.
import { assumedNote } from '../../analysis/pipeline/assumed';
import { importsOf } from '../../model/pipeline';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pipeline/holding-without-apply',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A solution imported as a holding solution with no step in the same pipeline that applies the upgrade.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      for (const linked of importsOf(solution)) {
        const { pipeline, step } = linked;
        if (step.mode !== 'holding') continue;
        const name = solution.uniqueName.toLowerCase();
        // An apply step that names another solution does not complete this one; one that names none may.
        const applied = pipeline.steps.some(s => s.kind === 'apply' && s.loc.span.start > step.loc.span.start
          && (!s.solutionName || /[$%{]/.test(s.solutionName.text) || s.solutionName.text.trim().toLowerCase() === name));
        if (applied) continue;
        ctx.report({
          message: `This step imports "${solution.uniqueName}"${assumedNote(linked, solution.uniqueName)} as a holding solution, but no later step in this pipeline applies the upgrade `
            + '(PowerPlatformApplySolutionUpgrade@2, microsoft/powerplatform-actions/upgrade-solution or pac solution upgrade --solution-name): '
            + `the new version stays staged as "${solution.uniqueName}_Upgrade" beside the old one, and the next holding import fails until it is applied.`,
          loc: step.modeLoc ?? step.loc,
          element: { kind: 'solution', name: solution.uniqueName },
        });
      }
    },
  },
});
