// An import as a holding solution stays staged (`<name>_Upgrade` beside the old version) until an apply
// step runs: PowerPlatformApplySolutionUpgrade@2, the upgrade-solution action or `pac solution upgrade`
// (governance.md §3.2). Without one later in the same pipeline file, for the same solution, stage and
// environment, the upgrade never completes there.
import { assumedNote } from '../../analysis/pipeline/assumed';
import { importsOf } from '../../model/pipeline';
import { defineRule } from '../rule';

/** Two values as written are the same unless both are literals (no variable) that differ. */
function mayBeSame(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || /[$%{]/.test(a) || /[$%{]/.test(b)) return true;
  const norm = (v: string) => {
    const t = v.trim().toLowerCase();
    let end = t.length;
    while (end > 0 && t[end - 1] === '/') end--;
    return t.slice(0, end);
  };
  return norm(a) === norm(b);
}

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
        // An apply step that names another solution, or runs in another stage or environment, does not
        // complete this one; one that does not say may.
        const applied = pipeline.steps.some(s => s.kind === 'apply' && s.loc.span.start > step.loc.span.start
          && mayBeSame(s.solutionName?.text, name) && (!s.stage || !step.stage || s.stage === step.stage)
          && mayBeSame(s.environment?.text, step.environment?.text));
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
