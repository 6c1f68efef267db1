import { afterAll, beforeAll } from 'vitest';
import type request from 'supertest';
import type { TestOrg, World } from './world.js';
import type { Role } from '../../src/db/foundation-tables.js';
import { createWorld } from './world.js';
import { generateWorkbookBuffer } from '../../src/features/annex-a/generator.js';
import { storedRowCount } from '../../src/features/annex-a/row-store.js';

export const ANNEX_REF = '2024-06-28';

/** A world with a generated 200-child workbook, and the API upload, reads and counts the Annex A db tests share. */
export async function annexWorld() {
  const w: World = await createWorld();
  const workbook = await generateWorkbookBuffer({ children: 200, referenceDate: ANNEX_REF, seed: 7 });
  async function apiImport(
    file: Buffer,
    filename: string,
    referenceDate = ANNEX_REF,
    query = '',
    role: 'editor' | 'viewer' = 'editor',
    org = w.orgA,
  ) {
    const token = await w.token(org, role);
    return (await import('supertest'))
      .default(w.app)
      .post(`/api/v1/annex-a/imports${query}`)
      .set('Authorization', `Bearer ${token}`)
      .field('referenceDate', referenceDate)
      .attach('file', file, filename);
  }
  /** A GET below `/api/v1` as the organisation's user of that role. */
  const apiGet = async (path: string, role: Role = 'editor', org = w.orgA) =>
    w.apiClient(await w.token(org, role)).get(path);
  const importCount = async () =>
    Number(
      (
        await w.services.db
          .selectFrom('annexImports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rowCount = () => storedRowCount(w.services.db);
  const chunkCount = async (org: TestOrg) =>
    (await w.services.db.selectFrom('annexRowChunks').select('id').where('organisationId', '=', org.id).execute())
      .length;
  // Committing a snapshot creates the indicator of each figure it could compute, and none for the others.
  const findIndicator = (org: TestOrg, key: string) =>
    w.services.db
      .selectFrom('indicators')
      .select(['id', 'unit', 'nationalMeasure'])
      .where('organisationId', '=', org.id)
      .where('key', '=', key)
      .executeTakeFirst();
  return { w, workbook, apiImport, apiGet, importCount, rowCount, chunkCount, findIndicator };
}

/**
 * The upload page's form as a browser posts it: the CSRF token first, the reference date in its day,
 * month and year boxes, then the workbook when there is one.
 */
export function uploadForm(
  agent: request.Agent,
  csrf: string,
  [day, month, year]: [string, string, string],
  file?: [Buffer, string],
) {
  const form = agent
    .post('/annex-a/upload')
    .field('_csrf', csrf)
    .field('referenceDate-day', day)
    .field('referenceDate-month', month)
    .field('referenceDate-year', year);
  return file ? form.attach('file', ...file) : form;
}

export type AnnexWorld = Awaited<ReturnType<typeof annexWorld>>;

/**
 * One annexWorld for a test file: made before its first test and closed after its last. The object is
 * filled in by then, so read its members inside the tests, not when the file loads.
 */
export function annexWorldPerFile(): AnnexWorld {
  const annex = {} as AnnexWorld;
  beforeAll(async () => {
    Object.assign(annex, await annexWorld());
  }, 120_000);
  afterAll(() => annex.w.close());
  return annex;
}
