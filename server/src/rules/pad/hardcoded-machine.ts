// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/hardcoded-machine',
    category: 'machine',
    defaultSeverity: 'warning',
    description: 'A literal host or machine in a desktop flow: UNC paths, database servers, remote desktops, terminal hosts, internal hosts and IP addresses.',
    fixable: true,
  },
});
