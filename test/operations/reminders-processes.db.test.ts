import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Services } from '../../src/container.js';
import { runClaimed } from '../../src/jobs/claims.js';
import { runReminders } from '../../src/features/reminders/runner.js';
import { createMailer } from '../../src/features/reminders/mailer.js';
import { createApiToken } from '../../src/features/account/tokens.js';
import { createTestDataDir, createTestServices, testEngine } from '../support/services.js';
import { createOrg, type TestOrg } from '../support/world.js';
import { startSmtp } from '../support/smtp.js';
import { childEnv, runNode, type RunningProcess } from '../support/processes.js';

const TODAY = '2025-05-22';

/** Two owners with something overdue on TODAY: the contributor (an action-sheet item) and the editor (an information request). */
async function giveOwnersSomethingOverdue(services: Services, org: TestOrg): Promise<void> {
  const app = createApp(services);
  const { token } = await createApiToken(services.db, org.actor, org.users.editor.id, 'setup');
  const post = async (p: string, b: object) => {
    const res = await request(app).post(`/api/v1${p}`).set('Authorization', `Bearer ${token}`).send(b);
    expect(res.status, `${p}: ${JSON.stringify(res.body)}`).toBe(201);
    return res.body as { id: string };
  };
  const body = await post('/bodies', { name: 'Scrutiny Committee', kind: 'scrutiny-committee' });
  const meeting = await post('/meetings', { bodyId: body.id, meetingDate: '2025-04-10' });
  await post('/action-sheet-items', {
    meetingId: meeting.id,
    description: 'Share the caseload report',
    ownerId: org.users.contributor.id,
    dueDate: '2025-05-01',
  });
  await post('/information-requests', {
    meetingId: meeting.id,
    requestedBy: 'The committee',
    request: 'Agency staff numbers',
    officerId: org.users.editor.id,
    dueDate: '2025-05-02',
  });
}

const sendReminders = (env: NodeJS.ProcessEnv) =>
  runNode(['--import', 'tsx', 'src/cli/main.ts', 'reminders', 'send', '--date', TODAY], env);

describe('two processes running `reminders send` at the same moment send each digest once', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let cleanup: () => Promise<void> = async () => {};
  let runs: RunningProcess[] = [];
  let results: { code: number | null }[] = [];
  const engine = testEngine();

  beforeAll(async () => {
    smtp = await startSmtp();
    let env: NodeJS.ProcessEnv;
    if (engine === 'postgres') {
      const services = await createTestServices();
      await giveOwnersSomethingOverdue(services, await createOrg(services, 'alpha'));
      env = childEnv({ DATABASE_URL: services.childDatabaseUrl, SMTP_URL: smtp.url });
      cleanup = () => services.close();
    } else {
      // The embedded database is one process's: a second process is refused at the data folder's lock.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-reminders-'));
      const services = await createTestDataDir(dir);
      await giveOwnersSomethingOverdue(services, await createOrg(services, 'alpha'));
      await services.close();
      env = childEnv({ WAYMARK_DATA_DIR: dir, SMTP_URL: smtp.url });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    runs = [sendReminders(env), sendReminders(env)];
    results = await Promise.all(runs.map((r) => r.exited));
  });
  afterAll(async () => {
    await cleanup();
    await smtp?.close();
  });

  it('sends one digest to each owner between them', () => {
    const outputs = runs.map((r) => r.output());
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([['contributor@alpha.test'], ['editor@alpha.test']]);
    const sender = outputs.filter((o) => o.includes('Reminders: 2 sent'));
    expect(sender, outputs.join('\n---\n')).toHaveLength(1);
    const other = outputs.find((o) => !o.includes('Reminders: 2 sent'))!;
    if (engine === 'postgres') {
      // It found the day's run claimed by the first process, and says so.
      expect(other).toMatch(/Reminders for 2025-05-22 (were already sent|are being sent) by .+:\d+ .*nothing sent/);
      expect(results.map((r) => r.code)).toEqual([0, 0]);
    } else {
      // Either it waited its turn at the lock and found the run done, or it was refused the folder.
      expect(other).toMatch(/Reminders for 2025-05-22 were already sent|already in use by another Waymark process/);
    }
  });
});

describe('two claims of the same run at once in one process', () => {
  it('let exactly one of them do the work', async () => {
    const smtp = await startSmtp();
    const services = await createTestServices({
      config: { mail: { smtpUrl: smtp.url, from: 'Waymark <r@waymark.test>' } },
    });
    try {
      await giveOwnersSomethingOverdue(services, await createOrg(services, 'alpha'));
      const mailer = createMailer(services.config);
      const run = () =>
        runClaimed(services.db, 'reminders', TODAY, () => runReminders(services, { today: TODAY, mailer }));
      const outcomes = await Promise.all([run(), run(), run()]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['done', 'skipped', 'skipped']);
      expect(smtp.inbox).toHaveLength(2);
      const claim = await services.db
        .selectFrom('jobClaims')
        .selectAll()
        .where('job', '=', 'reminders')
        .executeTakeFirstOrThrow();
      expect(claim).toMatchObject({ runKey: TODAY, outcome: 'done', detail: null });
      expect(claim.finishedAt).toBeInstanceOf(Date);
    } finally {
      await services.close();
      await smtp.close();
    }
  });
});
