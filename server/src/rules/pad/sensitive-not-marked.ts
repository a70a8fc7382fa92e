// A variable that carries secret data but is not marked sensitive. Sensitivity does not inherit in
// desktop flows: a variable built from a sensitive one, or assigned a CyberArk password, is shown in
// plain text in logs and run details unless it is marked sensitive itself. The rule names the variable
// that holds the secret value (the facts' `holders`), not a container (a custom object, a JSON text, a
// table, a list) a value was read out of on its way to the secret argument.
import type { Span } from '../../util/text';
import { defineRule } from '../rule';
import { scriptFacts } from '../../analysis/pad/facts';
import type { SecretReason, VariableInfo } from '../../analysis/pad/types';
import { describeWitness } from '../../analysis/pad/wording';

function because(r: SecretReason): string {
  switch (r.kind) {
    case 'source': return `it receives ${r.what} from ${r.action}`;
    case 'sink': return `it is used as ${describeWitness(r.witness)}`;
    case 'derived': return `it is built from the secret ${r.from}`;
    case 'name': return 'its name says it holds a secret';
    case 'property': return `its property '${r.property}' holds a secret`;
    case 'input': return 'it is a secret input';
  }
}

/** Flow inputs/outputs and subflow parameters by naming convention: in a copy they come from outside. */
const IO_NAME = /^(input|output|in|out)_/i;

export default defineRule({
  meta: {
    id: 'pad/sensitive-not-marked',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A desktop-flow variable that carries secret data (a credential source, a secret-bearing argument, a sensitive value built into it) but is not marked sensitive.',
    securitySeverity: 6.5,
    fixable: true,
  },
  fixes: ['mark-sensitive'],
  check: {
    script(ctx, unit) {
      const a = scriptFacts(unit);
      for (const [key, info] of a.variables) {
        if (key.startsWith('@') || a.sensitive.has(key) || a.autoSensitive.has(key)) continue;
        const reason = a.secretKeysOf(key);
        if (!reason) continue;
        const at = reportAt(info);
        if (!at) continue;
        if (a.clipboard) {
          // A copy cannot carry @SENSITIVE: speak only of variables born inside the copy.
          if (at.kind !== 'variable' || IO_NAME.test(info.name)) continue;
          if (info.firstRead !== undefined && info.firstRead < at.span.start) continue;
          ctx.report({
            message: `Variable ${info.name} carries a secret (${because(reason)}); a copied script cannot show whether it is sensitive: mark it sensitive in the designer's Variables pane.`,
            scriptSpan: at.span,
            element: { kind: 'variable', name: info.name },
            severity: 'warning',
            data: { variable: info.name, reason: reason.kind, clipboard: true },
          });
          continue;
        }
        const what = at.kind === 'input' ? 'Input' : at.kind === 'output' ? 'Output' : 'Variable';
        ctx.report({
          message: `${what} ${info.name} carries a secret (${because(reason)}) but is not marked sensitive; add it to @SENSITIVE (mark it sensitive in the Variables pane) so its value is hidden in logs and run details.`,
          scriptSpan: at.span,
          element: { kind: at.kind, name: info.name },
          data: { variable: info.name, reason: reason.kind },
        });
      }
    },
  },
});

function reportAt(info: VariableInfo): { kind: 'variable' | 'input' | 'output'; span: Span } | undefined {
  if (info.input) return { kind: 'input', span: info.input.nameSpan };
  if (info.output) return { kind: 'output', span: info.output.nameSpan };
  let first = info.assignments[0];
  for (const x of info.assignments) if (x.span.start < first.span.start) first = x;
  return first ? { kind: 'variable', span: first.span } : undefined;
}
