import type request from 'supertest';
import { csrfFrom } from './world.js';

/** The draft JSON the preview page carries in its hidden field, decoded as a browser would send it back. */
export const draftFrom = (html: string) =>
  /name="draft" value="([^"]+)"/
    .exec(html)![1]
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Upload a report PDF on the import page, as a browser would (the CSRF token first in the form). */
export async function previewImport(agent: request.Agent, file: string): Promise<request.Response> {
  const token = await csrfFrom(agent, '/inspections/import');
  return agent.post('/inspections/import').field('_csrf', token).attach('file', file);
}
