import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestHandler } from 'express';
import type { Database } from '../../db/schema.js';
import { recordAudit, type Actor, type Executor } from '../audit/audit.js';
import { ConflictError } from '../../lib/errors.js';
import { HEADER_TEXT_COLOURS, type HeaderTextColour } from '../../lib/branding/contrast.js';
import type { LogoType } from '../../lib/branding/logo-image.js';

export const DEFAULT_SERVICE_NAME = 'Waymark';

/** What every page's header and footer need; never the logo bytes. */
export interface Branding {
  organisationId: string | null;
  organisationName: string | null;
  serviceName: string;
  brandColour: string | null;
  headerText: HeaderTextColour;
  headerTextColour: string;
  licenceText: string | null;
  /** Cache-busting key of the logo, when there is one. */
  logoKey: string | null;
  logoWidth: number | null;
  logoHeight: number | null;
  version: number;
}

const DEFAULT_BRANDING: Branding = {
  organisationId: null,
  organisationName: null,
  serviceName: DEFAULT_SERVICE_NAME,
  brandColour: null,
  headerText: 'white',
  headerTextColour: HEADER_TEXT_COLOURS.white,
  licenceText: null,
  logoKey: null,
  logoWidth: null,
  logoHeight: null,
  version: 0,
};

async function loadBrandingRow(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisations')
    .leftJoin('organisationBranding as b', 'b.organisationId', 'organisations.id')
    .select([
      'organisations.id',
      'organisations.name',
      'b.serviceName',
      'b.brandColour',
      'b.headerText',
      'b.licenceText',
      'b.logoSha256',
      'b.logoWidth',
      'b.logoHeight',
      'b.version',
    ])
    .where('organisations.id', '=', organisationId)
    .executeTakeFirst();
}

export async function loadBranding(db: Executor, organisationId: string): Promise<Branding> {
  const row = await loadBrandingRow(db, organisationId);
  if (!row) return DEFAULT_BRANDING;
  const headerText = row.headerText ?? 'white';
  return {
    organisationId: row.id,
    organisationName: row.name,
    serviceName: row.serviceName || DEFAULT_SERVICE_NAME,
    brandColour: row.brandColour,
    headerText,
    headerTextColour: HEADER_TEXT_COLOURS[headerText],
    licenceText: row.licenceText,
    logoKey: row.logoSha256 ? row.logoSha256.slice(0, 16) : null,
    logoWidth: row.logoWidth,
    logoHeight: row.logoHeight,
    version: row.version ?? 0,
  };
}

/**
 * Puts the branding on every page. Signed in: the user's organisation. Signed out (sign-in page,
 * accessibility statement): the only organisation when the installation has exactly one, so a
 * council's own staff see its name before signing in; otherwise the plain service name.
 */
export function brandingLocals(db: Kysely<Database>): RequestHandler {
  return async (req, res, next) => {
    try {
      let organisationId = req.user?.organisationId;
      if (!organisationId) {
        const orgs = await db.selectFrom('organisations').select('id').limit(2).execute();
        if (orgs.length === 1) organisationId = orgs[0].id;
      }
      const branding = organisationId ? await loadBranding(db, organisationId) : DEFAULT_BRANDING;
      // Signed out, the logo (served behind sign-in) is not shown.
      res.locals.branding = req.user ? branding : { ...branding, logoKey: null };
      next();
    } catch (err) {
      next(err);
    }
  };
}

export interface BrandingInput {
  serviceName: string | null;
  brandColour: string | null;
  headerText: HeaderTextColour;
  licenceText: string | null;
}

export interface LogoInput {
  bytes: Buffer;
  type: LogoType;
  width: number;
  height: number;
}

const AUDITED = ['serviceName', 'brandColour', 'headerText', 'licenceText', 'logoSha256', 'version'] as const;

/**
 * Save the branding (creating the row on first save). `logo`: a new logo, `null` to remove it, or
 * undefined to keep it. The audit trail records the logo's SHA-256, not its bytes.
 */
export async function saveBranding(
  trx: Executor,
  actor: Actor,
  input: BrandingInput,
  logo: LogoInput | null | undefined,
  expectedVersion: number,
): Promise<void> {
  const before = await trx
    .selectFrom('organisationBranding')
    .select(['id', ...AUDITED])
    .where('organisationId', '=', actor.organisationId)
    .executeTakeFirst();
  if ((before?.version ?? 0) !== expectedVersion) {
    throw new ConflictError(
      'Someone else changed the branding while you were editing it. Their change has been kept: review and try again.',
    );
  }
  const logoFields =
    logo === undefined
      ? {}
      : logo === null
        ? { logo: null, logoType: null, logoSha256: null, logoWidth: null, logoHeight: null }
        : {
            logo: logo.bytes,
            logoType: logo.type,
            logoSha256: crypto.createHash('sha256').update(logo.bytes).digest('hex'),
            logoWidth: logo.width,
            logoHeight: logo.height,
          };
  let after;
  if (!before) {
    after = await trx
      .insertInto('organisationBranding')
      .values({ organisationId: actor.organisationId, ...input, ...logoFields })
      .returning(['id', ...AUDITED])
      .executeTakeFirstOrThrow();
  } else {
    after = await trx
      .updateTable('organisationBranding')
      .set({ ...input, ...logoFields, version: before.version + 1, updatedAt: new Date() })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returning(['id', ...AUDITED])
      .executeTakeFirstOrThrow();
  }
  await recordAudit(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'organisationBranding',
    entityId: after.id,
    before: before ?? null,
    after,
  });
}

export async function loadLogo(
  db: Executor,
  organisationId: string,
): Promise<{ logo: Buffer; logoType: string; logoSha256: string | null } | undefined> {
  const row = await db
    .selectFrom('organisationBranding')
    .select(['logo', 'logoType', 'logoSha256'])
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  if (!row?.logo || !row.logoType) return undefined;
  return { logo: row.logo, logoType: row.logoType, logoSha256: row.logoSha256 };
}

/** The one stylesheet rule the brand colour needs (the CSP forbids inline styles, so it is served). */
export function brandingCss(b: Pick<Branding, 'brandColour' | 'headerTextColour'>): string {
  if (!b.brandColour) return '';
  return `.waymark-header{background:${b.brandColour};--govuk-text-colour:${b.headerTextColour};color:${b.headerTextColour}}\n.govuk-footer{border-top-color:${b.brandColour}}\n`;
}

/** GET /branding.css: the brand colour of the organisation whose branding the page shows. */
export const brandingStylesheet: RequestHandler = (_req, res) => {
  const branding = res.locals.branding as Branding | undefined;
  res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'private, no-cache' });
  res.send(branding ? brandingCss(branding) : '');
};
