// An import that upgrades (stage-and-upgrade, holding) where the files show the solution may not be in the
// target environment yet: the pipeline creates or resets that environment first, or the file or stage is
// named for setting one up. An upgrade needs an installed base; a first install fails with "Cannot create
// a holding solution for missing base" (governance.md §3.2). An Update installs on first import.
import { firstInstallEvidence, FirstInstallEvidence } from '../../analysis/pipeline/first-install';
import { assumedNote } from '../../analysis/pipeline/assumed';
import { importsOf } from '../../model/pipeline';
import { positionAt } from '../../util/text';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pipeline/upgrade-on-first-install',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'An import that upgrades (stage-and-upgrade or holding) where the pipeline shows a first install: an upgrade needs the solution already installed, so the import fails.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      for (const linked of importsOf(solution)) {
        const { pipeline, step } = linked;
        if (step.mode !== 'stage-and-upgrade' && step.mode !== 'holding') continue;
        const evidence = firstInstallEvidence(pipeline, step);
        if (!evidence) continue;
        const how = step.mode === 'holding' ? 'as a holding solution (an upgrade)' : 'with stage and upgrade';
        ctx.report({
          message: `This step imports "${solution.uniqueName}"${assumedNote(linked, solution.uniqueName)} ${how}, but ${describe(evidence)}: `
            + 'an upgrade needs an earlier version installed in the target environment, and a first install fails ("Cannot create a holding solution for missing base"). '
            + 'Install the first version with a plain import (an Update installs a solution that is not there), or run the upgrade only when the solution is installed (check with pac solution list).',
          loc: step.modeLoc ?? step.loc,
          element: { kind: 'solution', name: solution.uniqueName },
          data: { evidence: evidence.kind, mode: step.mode },
        });
      }
    },
  },
});

function describe(e: FirstInstallEvidence): string {
  if (e.kind === 'creates-environment') return `this pipeline creates or resets its environment first (line ${positionAt(e.loc.file, e.loc.span.start).line + 1}), so the solution cannot be there yet`;
  return e.where === 'file' ? `the file "${e.name}" is named for setting up an environment, where the solution is not installed yet` : `the stage "${e.name}" is named for setting up an environment, where the solution is not installed yet`;
}
