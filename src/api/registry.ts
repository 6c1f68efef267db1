import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Role } from '../db/foundation-tables.js';
import type { CurrentUser } from '../middleware/auth.js';
import type { Actor } from '../features/audit/audit.js';
import type { UploadKind } from '../lib/upload-limits.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a route's `load` step sees: who is asking and the path, never the body (it is not yet validated). */
export interface ApiLoadContext {
  req: Request;
  params: Record<string, string>;
  user: CurrentUser;
  actor: Actor;
}

export interface ApiContext<B, Q, R = undefined> extends ApiLoadContext {
  res: Response;
  body: B;
  query: Q;
  /** What the route's `load` step returned (undefined for a route without one). */
  record: R;
}

/**
 * One API operation. The router runs, in this order: the role check, the upload (multipart), `load`,
 * then the `body`, multipart `fields` and `query` schemas, then `handler`.
 *
 * `load` is the "load the owned record first" step: a route about a record the path names fetches it
 * with `getOwned` (and checks any per-record permission, such as owning the action) before anything
 * sent is judged. So another organisation's id is a 404, and a refusal on the record a 403, before any
 * 400 or 422, which would otherwise tell the caller the id exists. Because of it, a route never needs
 * to parse its body by hand: every body is validated by its own schema, which is also the one the
 * OpenAPI document shows.
 */
export interface ApiRoute<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, R = unknown> {
  method: HttpMethod;
  /** Express-style path below /api/v1, e.g. `/inspections/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Minimum role; defaults to viewer for reads and editor for writes. */
  role?: Role;
  body?: B;
  query?: Q;
  /** Documented response schema (the handler's return value is sent as JSON). */
  response?: z.ZodType;
  status?: number;
  /** A multipart upload: which kind (its limits: src/lib/upload-limits.ts), the file field's name and the other form fields. */
  multipart?: { kind: UploadKind; fileField: string; fields?: z.ZodObject };
  /** Responses that are files, not JSON (for the OpenAPI document). */
  produces?: string[];
  load?: (ctx: ApiLoadContext) => Promise<R>;
  handler: (ctx: ApiContext<z.infer<B>, z.infer<Q>, R>) => Promise<unknown>;
}

/** Every API route, declared once with the zod schemas that both validate requests and document them. */
export class ApiRegistry {
  readonly routes: ApiRoute[] = [];

  add<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, R = undefined>(
    route: ApiRoute<B, Q, R>,
  ): void {
    this.routes.push(route as unknown as ApiRoute);
  }
}

/** Shared schema pieces so every feature writes the API conventions the same way. */
export const isoDate = (label = 'Date') =>
  z
    .string({ error: `${label} must be a date in the format YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date in the format YYYY-MM-DD`)
    .refine((v) => {
      const [y, m, d] = v.split('-').map(Number);
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    }, `${label} must be a real date`);

export const uuidParam = z.string();

const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A record id in a query filter: anything else is a 400 naming the parameter, never a database error. */
export const idQuery = (label: string) =>
  z.string().regex(ID_SHAPE, `${label} must be the id of a record, like 0b5c8a1e-4f7d-4c2a-9a57-2d1f0c3e6b90`);

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
