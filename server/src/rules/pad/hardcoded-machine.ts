// A literal machine in a desktop flow: the server of a UNC path, Server=/Data Source= of a connection
// string, a terminal, mail, FTP, SAP or CyberArk host, a server switch or host in a command line or an
// embedded script, an internal or IP host in a URL (or kept in a variable used as a URL's host), a remote
// TargetDesktop or a remote @@ConnectionString header. A flow that names its machines cannot move from
// Dev to Prod unchanged; desktop flows should run on machine groups with targets kept in configuration.
// Text that is also a credential is left to the credential rules (findings/precedence.ts).
import { pathAllowed } from '../../analysis/shared/values';
import { scriptFacts } from '../../analysis/pad/facts';
import { elementOf, locationData, usedAs, whereOf } from '../../analysis/pad/wording';
import { defineRule } from '../rule';
import { headerHits, machineAllowed, MachineHit, machineHits } from './hardcoded-machine/detect';

const FIX = 'keep it in an environment variable (or flow input) so each environment can use its own machine';
const REMOTE = 'run desktop flows on machine groups and keep the target out of the script';

function message(h: MachineHit): string {
  const where = whereOf(h.use);
  const via = usedAs(h.use, h.witness);
  switch (h.how) {
    case 'unc': return `The UNC path ${where}${via} names the file server '${h.host}'; ${FIX}.`;
    case 'connection-string': return `The connection string ${where}${via} names the database server '${h.host}'; ${FIX}.`;
    case 'url': return `The URL ${where}${via} points at the ${h.hostKind === 'ip' ? 'IP address' : 'internal host'} '${h.host}'; ${FIX}.`;
    case 'host-argument': return h.use.ctx.kind === 'arg'
      ? `${h.use.ctx.arg.name} of ${h.use.ctx.stmt.id} names the machine '${h.host}'; ${FIX}.`
      : `The host ${where}${via} names the machine '${h.host}'; ${FIX}.`;
    case 'remote-desktop': return `The TargetDesktop ${where} runs the action on the remote desktop '${h.host}'; ${REMOTE}.`;
  }
}

export default defineRule({
  meta: {
    id: 'pad/hardcoded-machine',
    category: 'machine',
    defaultSeverity: 'warning',
    description: 'A literal host or machine in a desktop flow: UNC paths, database servers, remote desktops, terminal, mail and FTP hosts, internal hosts and IP addresses.',
    fixable: true,
  },
  fixes: ['script-input'],
  check: {
    script(ctx, unit) {
      const facts = scriptFacts(unit);
      for (const h of machineHits(facts)) {
        if (machineAllowed(h.host, ctx.settings)) continue;
        if (h.path && pathAllowed(h.path, ctx.settings.allowedPaths)) continue;
        ctx.report({
          message: message(h),
          scriptSpan: h.span,
          element: elementOf(h.use),
          data: { ...locationData(h.use), valueKind: 'machine', host: h.host, how: h.how, literal: h.literal, ...(h.path ? { path: h.path } : {}) },
          claim: {},
        });
      }
      for (const h of headerHits(facts)) {
        const connection = h.key.toLowerCase() === 'connectionstring';
        if (!connection && machineAllowed(h.value, ctx.settings)) continue;
        ctx.report({
          message: connection
            ? `The @@ConnectionString header binds the flow to a remote desktop; ${REMOTE}.`
            : `The @@Type header '${h.value}' binds the flow to a remote desktop instead of the local computer; ${REMOTE}.`,
          scriptSpan: h.span,
          data: { valueKind: 'machine', header: h.key, how: 'remote-desktop', literal: 'whole' },
          claim: {},
        });
      }
    },
  },
});
