/** Small fixtures the pure src/lib tests share. */
import type { Theme } from '../../src/lib/case-audit-framework.js';

/** A case-audit framework's themes: two standards on assessment (A1, A2) and one on the child's voice (V1). */
export const AUDIT_THEMES: Theme[] = [
  {
    key: 'assessment',
    name: 'Assessment',
    standards: [
      { key: 'a1', code: 'A1', text: 'Timely' },
      { key: 'a2', code: 'A2', text: 'Seen alone' },
    ],
  },
  { key: 'voice', name: 'The child’s voice', standards: [{ key: 'v1', code: 'V1', text: 'Wishes recorded' }] },
];
