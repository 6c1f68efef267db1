import type { Request, Response } from 'express';
import { signedIn } from '../../../middleware/auth.js';
import { multipartForm } from '../../../middleware/csrf.js';
import { parseForm, toFormErrors } from '../../../lib/validation.js';
import { formFailure } from '../../../lib/forms/failure.js';
import { getOwned } from '../../audit/audit.js';
import { ACCEPTED_EVIDENCE, detectEvidenceType, safeFilename } from '../../../lib/evidence-file-type.js';
import { ownerRatingProblem, OWNER_RAGS } from '../../../lib/rag.js';
import { ragLabel } from '../../../lib/labels.js';
import { refusalMessage, uploadLimits } from '../../../lib/upload-limits.js';
import { uploadSettings } from '../../../config.js';
import { receiveUpload } from '../../uploads/receive.js';
import * as s from '../schemas.js';
import { computeActionRags } from '../status.js';
import { createUpdate, type EvidenceUpload } from '../service.js';
import { actionToWorkOn, type PlansRouteContext } from './common.js';

/** Progress updates on an action, with evidence files, and downloading the evidence. */
export function updateRoutes({ router, db, services, contributor, today }: PlansRouteContext): void {
  const uploadLimit = uploadLimits('evidence', uploadSettings(services.config)).maxBytes;

  const updatePage = async (
    req: Request,
    res: Response,
    action: { id: string; reference: string; title: string },
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) => {
    const { user } = signedIn(req);
    const [state] = await computeActionRags(db, user.organisationId, { actionIds: [action.id] }, today());
    res.status(status).render('plans/views/update-form.njk', {
      title: `Post an update on action ${action.reference}`,
      action,
      state,
      values,
      errors,
      ACCEPTED_EVIDENCE,
      limitMb: Math.round(uploadLimit / 1024 / 1024),
      ragItems: OWNER_RAGS.map((r) => ({ value: r, text: ragLabel(r), checked: r === values.ownerRag })),
    });
  };

  /** The files attached, or a message per file that is not an accepted type. */
  const readEvidence = (files: Express.Multer.File[]) => {
    const uploads: EvidenceUpload[] = [];
    const errors: { path: string; message: string }[] = [];
    for (const f of files) {
      if (!f.size) continue;
      const type = detectEvidenceType(f.buffer, f.originalname);
      if (!type)
        errors.push({
          path: 'files',
          message: `${safeFilename(f.originalname)} is not an accepted file: attach ${ACCEPTED_EVIDENCE}`,
        });
      else uploads.push({ filename: safeFilename(f.originalname), contentType: type.contentType, content: f.buffer });
    }
    return { uploads, errors };
  };

  router.get('/actions/:id/updates/new', contributor, async (req, res) => {
    const action = await actionToWorkOn(db, req);
    await updatePage(req, res, action, { date: today() });
  });
  router.post(
    '/actions/:id/updates/new',
    contributor,
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'evidence', { field: 'files' })),
    async (req, res) => {
      const { actor } = signedIn(req);
      const action = await actionToWorkOn(db, req);
      const { refused } = req.upload ?? {};
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (refused) {
        const message = refusalMessage(refused, {
          tooLarge: `Each evidence file must be smaller than ${Math.round(uploadLimit / 1024 / 1024)} MB, and at most 5 can be attached`,
          unreadable: 'The evidence files could not be read: attach up to 5 files and try again',
        });
        return updatePage(req, res, action, body, toFormErrors([{ path: 'files', message }]), refused.status);
      }
      const parsed = parseForm(s.updateForm, body);
      const evidence = readEvidence((req.files as Express.Multer.File[] | undefined) ?? []);
      const challenge: { path: string; message: string }[] = [];
      if (parsed.ok) {
        const [state] = await computeActionRags(db, actor.organisationId, { actionIds: [action.id] }, today());
        const problem = ownerRatingProblem(state.evidenceRag, parsed.data.ownerRag, parsed.data.challengeReason);
        if (problem) challenge.push({ path: 'challengeReason', message: problem });
      }
      if (!parsed.ok || evidence.errors.length || challenge.length) {
        const details = [...(parsed.ok ? [] : parsed.details), ...challenge, ...evidence.errors];
        return updatePage(req, res, action, body, toFormErrors(details), 400);
      }
      try {
        const input = { ...parsed.data, challengeReason: parsed.data.challengeReason || null };
        await createUpdate(db, actor, action.id, input, evidence.uploads, today());
      } catch (err) {
        const { status, details } = formFailure(err, { field: 'narrative' });
        return updatePage(req, res, action, body, toFormErrors(details), status);
      }
      req.session.flash = { text: 'Your update has been posted.' };
      res.redirect(`/actions/${action.id}#updates`);
    },
  );

  router.get('/evidence/:id', async (req, res) => {
    const { user } = signedIn(req);
    const file = await getOwned(db, user.organisationId, 'actionUpdateFiles', String(req.params.id));
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(file.sizeBytes),
      'Content-Disposition': `attachment; filename="${safeFilename(file.filename)}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(file.content);
  });
}
