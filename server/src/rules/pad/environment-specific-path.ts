// An absolute local path literal that differs between machines and environments: an input folder
// `C:\RPA\Input` in Dev is `D:\Automation\Input` in Prod. Reported in file, folder, Office, application,
// CSV, PDF, archive and screenshot arguments, in values stored whole in a variable, and where a literal
// flows into such an argument. UNC paths are machines (pad/hardcoded-machine).
import { pathAllowed } from '../../analysis/shared/values';
import { defineRule } from '../rule';
import { analyzeScript, describeWitness, elementOf, locationData, PathHit, whereOf } from './analysis';

function message(h: PathHit): string {
  const where = whereOf(h.use);
  const via = h.witness && h.use.ctx.kind !== 'arg' ? ` (used as ${describeWitness(h.witness)})` : '';
  const what = h.kind === 'user-profile' ? 'points into one user\'s profile' : 'is specific to one machine or environment';
  return `The absolute path '${h.path}' ${where}${via} ${what}; read it from an environment variable (or flow input) so Dev and Prod can use their own folders.`;
}

export default defineRule({
  meta: {
    id: 'pad/environment-specific-path',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'An absolute local path literal in a desktop flow (drive letter or user profile) that differs between machines and environments.',
    fixable: true,
  },
  fixes: ['script-input'],
  check: {
    script(ctx, unit) {
      const a = analyzeScript(unit);
      for (const h of a.pathHits) {
        if (pathAllowed(h.path, ctx.settings.allowedPaths)) continue;
        ctx.report({
          message: message(h),
          scriptSpan: h.span,
          element: elementOf(h.use),
          data: { ...locationData(h.use), path: h.path, kind: h.kind, literal: h.literal },
        });
      }
    },
  },
});
