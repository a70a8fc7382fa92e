// Reported by the loaders (load/): this file carries the rule's metadata.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/syntax',
    category: 'syntax',
    defaultSeverity: 'error',
    description: 'A desktop-flow script line that cannot be parsed.',
    fixable: false,
  },
});
