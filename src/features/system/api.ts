import { z } from 'zod';
import type { Feature } from '../feature.js';

const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'editor', 'contributor', 'viewer']),
  organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
});

export const systemApiFeature: Feature = {
  name: 'system',
  api(api) {
    api.add({
      method: 'get',
      path: '/me',
      tag: 'Account',
      summary: 'The user the token belongs to, and their organisation',
      response: meSchema,
      handler: async ({ user }) => ({
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        organisation: { id: user.organisationId, slug: user.organisationSlug, name: user.organisationName },
      }),
    });
  },
};
