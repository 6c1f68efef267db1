import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ca from '../../../test/support/case-audits.js';

// The API loads the record a path names before it judges the body (ApiRoute.load), so the case audit
// bodies are validated by their schemas, documented, and never give away that another organisation's id exists.
let t: ca.AuditWorld;
beforeAll(async () => {
  t = await ca.auditWorld();
});
afterAll(() => t.close());

/** Each write about a record the path names: its path, the document's path, a field and a bad value for it. */
const writes = (ids: { framework: string; cycle: string; audit: string }) =>
  [
    ['post', `/audit-frameworks/${ids.framework}/versions`, '/audit-frameworks/{id}/versions', 'name', 42],
    ['post', `/audit-cycles/${ids.cycle}/sample`, '/audit-cycles/{id}/sample', 'size', 'lots'],
    ['post', `/audit-cycles/${ids.cycle}/audits`, '/audit-cycles/{id}/audits', 'caseId', 42],
    ['patch', `/audits/${ids.audit}`, '/audits/{id}', 'auditedOn', 'yesterday'],
  ] as const;

describe('case audit API bodies', () => {
  it('documents the framework version, sample, add-a-case and audit bodies in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    for (const [method, , path, field] of writes({ framework: '', cycle: '', audit: '' })) {
      const schema = doc.paths[path][method].requestBody?.content['application/json'].schema;
      expect(schema?.properties?.[field], `${method} ${path}`).toBeTruthy();
    }
  });

  it('answers 404 for another organisation’s record however bad the body, and 422 naming the field for its own', async () => {
    const framework = await ca.addFramework(t, 'Bodies audit');
    const cycle = await ca.startCycle(t, framework, { topic: 'Bodies' });
    const audit = await ca.addCase(t, cycle, 'BODIES-1');
    for (const [method, path, , field, value] of writes({ framework, cycle, audit })) {
      const bad = { [field]: value };
      const foreign = await t.api(method, path, 'other').send(bad);
      expect(foreign.status, `${method} ${path} from another organisation`).toBe(404);
      const own = await t.api(method, path).send(bad);
      expect(own.status, `${method} ${path}`).toBe(422);
      expect(own.body.error.code).toBe('validation-failed');
      expect(own.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });
});
