// cloud/plaintext-secret: a secret written literally in a cloud flow. The places that carry a secret,
// the literal/reference split and the data flow through variables and Compose are facts of the flow
// (analysis/cloud); this rule reports the literal text that fills those places, token formats found
// anywhere, and literals given to variables named like a secret. Its claim on the text wins over
// machine and environment findings (findings/precedence.ts).
import type { CloudFlow } from '../../model/types';
import { actionLabel } from '../../analysis/cloud/actions';
import type { SecretFlow } from '../../analysis/cloud/data-flow';
import { FlowFacts, flowFacts } from '../../analysis/cloud/facts';
import { literalParts, MASK, StringLeaf, valueConstantsOf, whereOf } from '../../analysis/cloud/leaves';
import { describeSecretName, SecretPlace, secretText } from '../../analysis/cloud/secret-places';
import { assignedVariable, variableType } from '../../analysis/cloud/variables';
import { findStructuredSecrets, mayHoldStructuredSecret, StructuredSecret } from '../../analysis/shared/values';
import { isSecretName } from '../../analysis/shared/vocabulary';
import { defineRule } from '../rule';
import { hitAt, keepFirst, LiteralHit, literalData } from './literal-hits';

export default defineRule({
  meta: {
    id: 'cloud/plaintext-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A secret written literally in a cloud flow: HTTP credentials, authorization or key headers, keys in URIs, connection-string passwords, secret connector parameters, sensitive desktop-flow inputs, and literals that reach them through variables.',
    securitySeverity: 9.0,
    fixable: true,
  },
  fixes: ['secret-environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const advice = 'Anyone who can open the flow, export the solution or read source control can read it. Keep it in a Secret environment variable (Azure Key Vault) or read it from Key Vault at run time, with secure inputs and outputs.';
      for (const h of findSecretLiterals(flow, flowFacts(flow, solution))) {
        const message = h.via
          ? h.via.kind === 'variable'
            ? `Variable "${h.via.name}" is given a literal ${h.what} in ${h.action.trigger ? 'trigger' : 'action'} "${h.action.name}", and it reaches ${h.via.sinkWhere} of action "${h.via.sinkAction}". ${advice}`
            : `Compose action "${h.via.name}" holds a literal ${h.what} that reaches ${h.via.sinkWhere} of action "${h.via.sinkAction}". ${advice}`
          : `${actionLabel(h.action)} has a literal ${h.what} in ${h.where}${h.expression ? ' (inside an expression)' : ''}. ${advice}`;
        ctx.report({
          message,
          loc: { file: flow.file, span: h.span },
          action: h.action,
          data: { ...literalData(h), secret: h.what, ...(h.via ? { via: h.via } : {}) },
          claim: {},
        });
      }
    },
  },
});

/** Literal secrets of the flow: in secret places, token formats anywhere, secret-named variables, and literals that reach a secret place. */
function findSecretLiterals(flow: CloudFlow, facts: FlowFacts): LiteralHit[] {
  const hits: Array<LiteralHit | undefined> = [];
  for (const place of facts.secretPlaces) inPlace(place, hits);
  for (let k = 0; k < facts.leaves.length; k++) {
    const leaf = facts.leaves[k];
    structuredSecrets(leaf, hits);
    namedSecretVariable(flow, leaf, hits);
  }
  for (const f of facts.secretFlows) hits.push(flowing(f));
  return keepFirst(hits);
}

/** Literal parts of a secret place are plain-text secrets. */
function inPlace(place: SecretPlace, out: Array<LiteralHit | undefined>): void {
  const { leaf } = place;
  for (const part of literalParts(leaf, place.start, place.end, place.scheme)) {
    if (!secretText(leaf.text.slice(part.start, part.end), place.weak)) continue;
    // Inside a mixed value, a short literal next to references is glue (`sk-`, `:`), not a secret.
    const isWholePlace = part.start === place.start && part.end === place.end;
    if (!isWholePlace && place.start === 0 && place.end === leaf.text.length && (part.end - part.start < 8 || /\s/.test(leaf.text.slice(part.start, part.end).trim()))) continue;
    out.push(hitAt(leaf, part.start, part.end, { kind: place.kind, what: place.what, where: place.where }));
  }
}

const STRUCTURED_NAMES: Record<StructuredSecret['kind'], string> = {
  'jwt': 'JSON web token', 'github-token': 'GitHub token', 'slack-token': 'Slack token', 'aws-access-key': 'AWS access key',
  'private-key': 'private key', 'storage-key': 'storage account key',
};

/** Token formats (JWTs, GitHub and Slack tokens, keys) in literal text and in expressions' value constants. */
function structuredSecrets(leaf: StringLeaf, out: Array<LiteralHit | undefined>): void {
  // The masked text and the constants are parts of the text: a text without any token's fixed part has none.
  if (!mayHoldStructuredSecret(leaf.text)) return;
  for (const s of findStructuredSecrets(leaf.masked)) {
    if (leaf.masked.slice(s.start, s.end).includes(MASK)) continue;
    out.push(hitAt(leaf, s.start, s.end, { kind: 'token', what: STRUCTURED_NAMES[s.kind], where: whereOf(leaf) }));
  }
  // Inside expressions: `concat('Bearer ', 'eyJ…')` holds the token as literally as a plain string.
  for (const c of valueConstantsOf(leaf)) {
    for (const s of findStructuredSecrets(leaf.text.slice(c.start, c.end))) {
      out.push(hitAt(leaf, c.start + s.start, c.start + s.end, { kind: 'token', what: STRUCTURED_NAMES[s.kind], where: whereOf(leaf), expression: true }));
    }
  }
}

/** `Initialize variable` / `Set variable` of a variable named like a secret, with a literal value. */
function namedSecretVariable(flow: CloudFlow, leaf: StringLeaf, out: Array<LiteralHit | undefined>): void {
  const name = assignedVariable(leaf);
  if (!name || !isSecretName(name)) return;
  const declaredType = variableType(flow, name);
  if (declaredType && declaredType !== 'string') return;
  for (const part of literalParts(leaf, 0, leaf.text.length, true)) {
    if (secretText(leaf.text.slice(part.start, part.end))) out.push(hitAt(leaf, part.start, part.end, { kind: 'variable', what: describeSecretName(name), where: `variable "${name}"` }));
  }
}

/** A literal that reaches a secret place through a variable or a Compose action. */
function flowing(f: SecretFlow): LiteralHit | undefined {
  const { via, place } = f;
  return hitAt(f.leaf, f.start, f.end, {
    kind: via.kind,
    what: place.what,
    where: via.kind === 'variable' ? `variable "${via.name}"` : `inputs of "${via.name}"`,
    via: { ...via, sinkAction: place.leaf.action.name, sinkWhere: place.where },
  });
}
