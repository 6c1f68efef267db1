import { z } from 'zod';
import type { ApiRegistry } from './registry.js';
import { errorSchema } from './registry.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** OpenAPI 3.1 built from the registry, so the document cannot drift from what the API validates. */
export function buildOpenApi(registry: ApiRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { content: { 'application/json': { schema: toSchema(errorSchema, 'output') } } };

  for (const route of registry.routes) {
    const oaPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams: unknown[] = [];
    if (route.query) {
      const q = toSchema(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        queryParams.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const op: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      security: [{ bearerAuth: [] }],
      parameters: [...params, ...queryParams],
      responses: {
        [String(route.status ?? 200)]: route.produces
          ? { description: 'A file', content: Object.fromEntries(route.produces.map((t) => [t, {}])) }
          : {
              description: 'Success',
              content: route.response
                ? { 'application/json': { schema: toSchema(route.response, 'output') } }
                : undefined,
            },
        '400': { description: 'Malformed request', ...errorResponse },
        '401': { description: 'Missing or invalid token', ...errorResponse },
        '403': { description: 'Role not allowed', ...errorResponse },
        '404': { description: 'Not found (or another organisation’s record)', ...errorResponse },
        '422': { description: 'Validation failed; details name each field', ...errorResponse },
        ...(route.multipart
          ? {
              '413': { description: 'The file is larger than the upload limit', ...errorResponse },
              '429': { description: 'Busy with other uploads: try again after Retry-After seconds', ...errorResponse },
            }
          : {}),
        '503': {
          description: 'The database is unavailable (nothing was saved): try again after Retry-After seconds',
          ...errorResponse,
        },
      },
    };
    if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } };
    }
    if (route.multipart) {
      const fields = route.multipart.fields
        ? (toSchema(route.multipart.fields, 'input') as { properties?: object }).properties
        : {};
      op.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { [route.multipart.fileField]: { type: 'string', format: 'binary' }, ...fields },
            },
          },
        },
      };
    }
    paths[oaPath] ??= {};
    paths[oaPath][route.method] = op;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version,
      description:
        'JSON API for Waymark. Conventions: camelCase fields, dates as YYYY-MM-DD, enum values in kebab-case, ' +
        'lists as { "items": [...] }, errors as { "error": { "code", "message", "details": [{ "path", "message" }] } }. ' +
        'Authenticate with a personal access token: Authorization: Bearer <token>.',
    },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
