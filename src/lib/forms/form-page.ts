import type { Request, Response } from 'express';

/** What a form page is shown again with after a refused post: the errors, what was typed, other messages. */
export type FormPageExtra = Record<string, unknown>;

/**
 * A page whose form posts back to it: `load` reads what the page lists. The page is rendered plainly for
 * GET; a refused post renders it again with its `extra` (errors, values) and status.
 */
export function formPage(view: string, title: string, load: (req: Request) => Promise<Record<string, unknown>>) {
  return async (req: Request, res: Response, extra: FormPageExtra = {}, status = 200) => {
    res.status(status).render(view, { title, ...(await load(req)), values: {}, ...extra });
  };
}
