// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/secret-input-variable',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A secret arriving as a desktop-flow input variable (use the Get credential action), or a secret input with a literal default value.',
    securitySeverity: 7.0,
    fixable: true,
  },
});
