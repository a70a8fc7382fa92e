// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/hardcoded-machine',
    category: 'machine',
    defaultSeverity: 'warning',
    description: 'A literal host or machine in cloud-flow action inputs: UNC paths, server names, internal or IP hosts, machine ids.',
    fixable: true,
  },
});
