// A secret written literally in a desktop flow: given to a secret-bearing argument, embedded in a
// connection string, URL, JSON body or authorization header, written into an embedded script or a
// command line, or stored in a variable that reaches one (or whose name says it holds a secret).
// Reported at the literal (or the secret part of it); the value never appears. A whole URL with no
// secret part is an address, not a secret, whatever it is stored in (pad/environment-specific-url).
import { argumentInfo } from '../../analysis/pad/catalog';
import { scriptFacts } from '../../analysis/pad/facts';
import { SecretHit, secretLiterals } from '../../analysis/pad/secret-literals';
import { describeWitness, elementOf, locationData, whereOf } from '../../analysis/pad/wording';
import { defineRule } from '../rule';

const FIX = 'read it at run time with the Get credential action (Azure Key Vault, CyberArk) instead of writing it in the flow';

function message(h: SecretHit): string {
  const where = whereOf(h.use);
  switch (h.how) {
    case 'argument': return h.use.ctx.kind === 'arg'
      ? `${h.use.ctx.arg.name} of ${h.use.ctx.stmt.id} is given a literal secret; ${FIX}.`
      : `A literal secret is given ${where}; ${FIX}.`;
    case 'typed-text': return `The text typed into a password field ${where} is a literal secret; ${FIX}.`;
    case 'connection-string': return `The connection string ${where} contains a literal ${h.what} value; ${FIX} and build the connection string from it.`;
    case 'url': return `The URL ${h.origin} ${where} carries a literal secret in ${h.what}; ${FIX}.`;
    case 'json': return `The JSON ${where} has a literal ${h.what} value; ${FIX}.`;
    case 'header': return `The ${h.what} ${where} holds a literal credential; ${FIX}.`;
    case 'shape': return `The literal ${where} contains ${h.what}; ${FIX}.`;
    case 'script': {
      if (h.what === 'ConvertTo-SecureString') return `The script ${where} passes a literal secret to ConvertTo-SecureString; ${FIX} and pass it to the script as a sensitive variable.`;
      const what = h.use.ctx.kind === 'arg' && argumentInfo(h.use.ctx.stmt.id, h.use.ctx.arg.name)?.role === 'commandLine' ? 'command line' : 'script';
      return `The ${what} ${where} contains a literal secret (${h.what}); ${FIX} and pass it to the ${what} as a sensitive variable.`;
    }
    case 'data-flow': return `The literal ${where} is a secret: it reaches ${describeWitness(h.witness!, true)}; ${FIX}.`;
    case 'name': return `The literal ${where} is a secret (${h.what} names a credential); ${FIX}.`;
  }
}

export default defineRule({
  meta: {
    id: 'pad/plaintext-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A secret written literally in a desktop flow: a literal password, key or token given to a secret-bearing argument, embedded in a connection string, URL, JSON body or authorization header, or stored in a variable that reaches one.',
    securitySeverity: 9.0,
    fixable: true,
    options: {
      checkVariableNames: {
        type: 'boolean',
        description: 'Also report literals stored in variables or custom-object properties whose name denotes a secret (DbPassword, ApiKey, ClientSecret) when no secret-bearing argument is visible.',
        default: true,
      },
    },
  },
  fixes: ['get-credential'],
  check: {
    script(ctx, unit) {
      const byName = ctx.options.checkVariableNames !== false;
      for (const h of secretLiterals(scriptFacts(unit))) {
        if (h.how === 'name' && !byName) continue;
        ctx.report({
          message: message(h),
          scriptSpan: h.span,
          element: elementOf(h.use),
          data: {
            ...locationData(h.use),
            literal: h.literal,
            how: h.how,
            secret: h.what,
            ...(h.witness ? { reaches: { argument: h.witness.argument, action: h.witness.action } } : {}),
          },
          claim: {},
        });
      }
    },
  },
});
