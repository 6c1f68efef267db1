import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { requireRole, signedIn, type CurrentUser } from '../../../middleware/auth.js';
import type { Role } from '../../../db/foundation-tables.js';
import type { ErrorDetail } from '../../../lib/errors.js';
import { buildForm, errorsFor, parseWebForm, type FieldDef } from '../../../lib/forms/fields.js';
import { submitForm } from '../../../lib/forms/submit.js';
import type { Actor } from '../../audit/audit.js';

export const T = 'governance/views/';

export interface FormPage {
  title: string;
  caption?: string;
  back: string;
  submitText?: string;
  intro?: string;
  version?: number;
  historyHref?: string;
}

export function renderForm(
  res: Response,
  status: number,
  page: FormPage,
  defs: FieldDef[],
  values: Record<string, unknown>,
  errors?: unknown,
) {
  res.status(status).render(`${T}form.njk`, { ...page, fields: buildForm(defs, values, errors as never), errors });
}

export interface FormSpec<S extends z.ZodType, R> {
  schema: S;
  defs: FieldDef[];
  page: FormPage;
  extra?: Record<string, unknown>;
  /** A service field shown against another form field (the agenda's link type and id are one select). */
  fieldFor?: Record<string, string>;
  save: (data: z.infer<S>) => Promise<R>;
  done: (saved: R) => { flash: string; redirect: string };
}

/** A form built from field definitions, through the shared form path (src/lib/forms/submit.ts). */
export function handleForm<S extends z.ZodType, R>(req: Request, res: Response, opts: FormSpec<S, R>) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const page = { ...opts.page, version: body.version !== undefined ? Number(body.version) : opts.page.version };
  const onForm = (d: ErrorDetail) => ({ ...d, path: opts.fieldFor?.[d.path] ?? d.path });
  return submitForm(req, res, {
    parse: () => parseWebForm(opts.schema, body, opts.defs, opts.extra),
    save: opts.save,
    done: opts.done,
    render: (status, errors) => renderForm(res, status, page, opts.defs, body, errors),
    failure: { field: opts.defs.find((d) => d.kind !== 'hidden')?.name ?? 'body' },
    toErrors: (details) => errorsFor(details.map(onForm), opts.defs, body),
  });
}

/** Who is asking, handed to a form route's callbacks. */
export interface Asker {
  req: Request;
  user: CurrentUser;
  actor: Actor;
}

/**
 * One form at one address: GET shows it, POST saves it through `handleForm`. Both come from one
 * description, so the page, fields and checks of the two never drift apart. `load` runs first (a
 * record of another organisation is a 404, never a 400), then the body is read.
 */
export interface FormRoute<L, S extends z.ZodType, R> {
  path: string;
  role: Role;
  load: (asker: Asker) => Promise<L>;
  page: (loaded: L) => FormPage;
  /** What only the first showing has: the link to the history of changes, an introduction. */
  firstView?: (loaded: L, asker: Asker) => Promise<Partial<FormPage>> | Partial<FormPage>;
  defs: (loaded: L, asker: Asker) => Promise<FieldDef[]> | FieldDef[];
  /** The values the form starts with: the record being edited, or defaults for a new one. */
  values: (loaded: L, asker: Asker) => Record<string, unknown>;
  schema: S;
  extra?: (loaded: L, body: Record<string, unknown>) => Record<string, unknown>;
  fieldFor?: Record<string, string>;
  save: (data: z.infer<S>, loaded: L, asker: Asker) => Promise<R>;
  done: (saved: R, loaded: L) => { flash: string; redirect: string };
}

const asker = (req: Request): Asker => ({ req, ...signedIn(req) });

export function formRoute<L, S extends z.ZodType, R>(router: Router, spec: FormRoute<L, S, R>): void {
  const role = requireRole(spec.role);
  router.get(spec.path, role, async (req, res) => {
    const who = asker(req);
    const loaded = await spec.load(who);
    const page = { ...spec.page(loaded), ...(await spec.firstView?.(loaded, who)) };
    renderForm(res, 200, page, await spec.defs(loaded, who), spec.values(loaded, who));
  });
  router.post(spec.path, role, async (req, res) => {
    const who = asker(req);
    const loaded = await spec.load(who);
    await handleForm(req, res, {
      schema: spec.schema,
      defs: await spec.defs(loaded, who),
      page: spec.page(loaded),
      extra: spec.extra?.(loaded, (req.body ?? {}) as Record<string, unknown>),
      fieldFor: spec.fieldFor,
      save: (data) => spec.save(data, loaded, who),
      done: (saved) => spec.done(saved, loaded),
    });
  });
}
