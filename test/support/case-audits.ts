import request from 'supertest';
import { sql } from 'kysely';
import type { Role } from '../../src/db/foundation-tables.js';
import { generateWorkbookBuffer } from '../../src/features/annex-a/generator.js';
import { runImport } from '../../src/features/annex-a/service.js';
import { pseudonymise } from '../../src/lib/annex-a/pseudonym.js';
import { createWorld, postForm, type World } from './world.js';

/**
 * The case file audit tests' world and the steps they share (ADR 0700): each test file builds the
 * framework, auditors, cycles and audits it needs through the API and the pages, as a council would.
 */

// Wednesday 14 April 2027. The Annex A snapshot is of 31 March 2027; the cycles are of March and April.
export const NOW = new Date('2027-04-14T10:00:00Z');
export const REF = '2027-03-31';

type Who = Role | 'other';

export interface AuditWorld extends World {
  api(method: 'get' | 'post' | 'patch', path: string, who?: Who): request.Test;
  /** PATCH an audit with the version it has now, as a client that has just read it would. */
  patchAudit(id: string, who: Who, body: Record<string, unknown>): Promise<request.Response>;
  /** The keyed hash an identifier is stored as. */
  hashOf(identifier: string): string;
  /** Every text column of the database, searched for a string: the raw identifiers must be nowhere. */
  databaseContains(text: string): Promise<string[]>;
  /** A file download's bytes. */
  download(agent: request.Agent, path: string): Promise<{ status: number; body: Buffer }>;
  /** The version a form's hidden field holds: the audit's version as the page read it. */
  auditVersion(id: string): Promise<string>;
}

export async function auditWorld(opts: { annexA?: boolean } = {}): Promise<AuditWorld> {
  const w = await createWorld({ now: () => NOW });
  const tokens = new Map<Who, string>();
  for (const role of ['admin', 'editor', 'contributor', 'viewer'] as const)
    tokens.set(role, await w.token(w.orgA, role));
  tokens.set('other', await w.token(w.orgB, 'editor'));
  if (opts.annexA) {
    const file = await generateWorkbookBuffer({ children: 240, referenceDate: REF, seed: 11 });
    await runImport(w.services.db, w.orgA.actor, 'Test', {
      source: { buffer: file },
      filename: 'annex-a.xlsx',
      referenceDate: REF,
      mode: 'commit',
    });
  }
  const { pseudonymSecret } = await w.services.db
    .selectFrom('organisations')
    .select('pseudonymSecret')
    .where('id', '=', w.orgA.id)
    .executeTakeFirstOrThrow();
  const api: AuditWorld['api'] = (method, path, who = 'editor') => {
    const client = request(w.app);
    return client[method](`/api/v1${path}`).set('Authorization', `Bearer ${tokens.get(who)}`);
  };
  const auditVersion = async (id: string) =>
    String(
      (await w.services.db.selectFrom('caseAudits').select('version').where('id', '=', id).executeTakeFirstOrThrow())
        .version,
    );
  return {
    ...w,
    api,
    auditVersion,
    async patchAudit(id, who, body) {
      return api('patch', `/audits/${id}`, who).send({ version: Number(await auditVersion(id)), ...body });
    },
    hashOf: (identifier) => pseudonymise(pseudonymSecret, identifier),
    async databaseContains(text) {
      const cols = await sql<{ tableName: string; columnName: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type in ('text', 'jsonb', 'character varying')`.execute(
        w.services.db,
      );
      const hits: string[] = [];
      for (const c of cols.rows) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.tableName)}
          where ${sql.ref(c.columnName)}::text like ${`%${text}%`}`.execute(w.services.db);
        if (r.rows[0].n) hits.push(`${c.tableName}.${c.columnName}`);
      }
      return hits;
    },
    async download(agent, path) {
      const res = await agent
        .get(path)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      return { status: res.status, body: res.body as Buffer };
    },
  };
}

/** Two themes, three standards, Ofsted's grades: the framework every scenario audits against. */
export const PRACTICE_AUDIT = {
  name: 'Practice audit',
  themes: [
    {
      name: 'Assessment',
      standards: [
        { code: 'A1', text: 'Timely and proportionate' },
        { code: 'A2', text: 'The child was seen alone' },
      ],
    },
    { name: 'Management oversight', standards: [{ code: 'M1', text: 'Oversight at key decisions' }] },
  ],
};

export async function addFramework(t: AuditWorld, name = PRACTICE_AUDIT.name): Promise<string> {
  const res = await t.api('post', '/audit-frameworks').send({ ...PRACTICE_AUDIT, name });
  if (res.status !== 201) throw new Error(`Adding the framework failed with ${res.status}`);
  return res.body.id;
}

/** Name the organisation's contributor and editor as auditors, through the auditors page. */
export async function nameAuditors(t: AuditWorld, roles: Role[] = ['contributor', 'editor']): Promise<void> {
  const editor = await t.agent(t.orgA, 'editor');
  for (const role of roles) {
    const res = await postForm(editor, '/case-audits/auditors', '/case-audits/auditors', {
      userId: t.orgA.users[role].id,
    });
    if (res.status !== 302) throw new Error(`Naming the ${role} as an auditor failed with ${res.status}`);
  }
}

/** A cycle of its own: a themed audit on a topic, so a scenario never meets another's cases or results. */
export async function startCycle(
  t: AuditWorld,
  frameworkId: string,
  cycle: { title?: string; kind?: 'monthly' | 'themed'; topic?: string; period?: string } = {},
): Promise<string> {
  const kind = cycle.kind ?? 'themed';
  const res = await t.api('post', '/audit-cycles').send({
    title: cycle.title ?? `${cycle.topic ?? 'Practice'} audit`,
    kind,
    topic: kind === 'themed' ? (cycle.topic ?? 'Practice') : undefined,
    period: cycle.period ?? '2027-03',
    frameworkId,
  });
  if (res.status !== 201) throw new Error(`Starting the cycle failed with ${res.status}`);
  return res.body.id;
}

/** Add a case by its identifier; its audit's id. */
export async function addCase(t: AuditWorld, cycleId: string, identifier: string): Promise<string> {
  const res = await t.api('post', `/audit-cycles/${cycleId}/audits`).send({ caseId: identifier });
  if (res.status !== 201) throw new Error(`Adding case ${identifier} failed with ${res.status}`);
  return res.body.id;
}

/** Allocate an audit and have its auditor grade it, with a note. */
export async function gradedAudit(
  t: AuditWorld,
  auditId: string,
  grading: { grades: Record<string, string>; overall: string; note?: string; auditedOn?: string },
  people: { auditor?: Role; moderator?: Role } = {},
): Promise<void> {
  const auditor = people.auditor ?? 'contributor';
  const allocated = await t.patchAudit(auditId, 'editor', {
    auditorId: t.orgA.users[auditor].id,
    ...(people.moderator ? { moderatorId: t.orgA.users[people.moderator].id } : {}),
  });
  if (allocated.status !== 200) throw new Error(`Allocating failed with ${allocated.status}`);
  const graded = await t.patchAudit(auditId, auditor, grading);
  if (graded.status !== 200) throw new Error(`Grading failed with ${graded.status}`);
}
