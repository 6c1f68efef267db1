import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/world.js';
import { runReminders, startReminderSchedule } from './runner.js';
import { createMailer } from './mailer.js';
import { startSmtp } from '../../../test/support/smtp.js';

/** Quoted-printable soft line breaks and escapes undone, so assertions read the text as written. */
const decode = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

describe('daily reminder digests by email', () => {
  let w: World;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const TODAY = '2025-05-22'; // Thursday; Monday 26 May 2025 is a bank holiday

  beforeAll(async () => {
    smtp = await startSmtp();
    w = await createWorld({
      now: () => new Date(`${TODAY}T08:00:00Z`),
      config: {
        mail: { smtpUrl: smtp.url, from: 'Waymark <reminders@waymark.test>' },
        baseUrl: 'https://waymark.example',
      },
    });
    const token = await w.token(w.orgA, 'editor');
    const post = (p: string, b: object) =>
      request(w.app).post(`/api/v1${p}`).set('Authorization', `Bearer ${token}`).send(b);
    const body = (await post('/bodies', { name: 'Scrutiny Committee', kind: 'scrutiny-committee' })).body;
    const meeting = (await post('/meetings', { bodyId: body.id, meetingDate: '2025-04-10' })).body;
    const owner = w.orgA.users.contributor.id;
    expect(
      (
        await post('/action-sheet-items', {
          meetingId: meeting.id,
          description: 'Share the HMO report',
          ownerId: owner,
          dueDate: '2025-05-01',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/action-sheet-items', {
          meetingId: meeting.id,
          description: 'Caseload update',
          ownerId: owner,
          dueDate: '2025-05-27',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/action-sheet-items', {
          meetingId: meeting.id,
          description: 'Far in the future',
          ownerId: owner,
          dueDate: '2025-07-01',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/information-requests', {
          meetingId: meeting.id,
          requestedBy: 'The committee',
          request: 'Staff numbers and length of service',
          officerId: w.orgA.users.editor.id,
          dueDate: '2025-05-23',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/forward-plan', {
          bodyId: body.id,
          title: 'Regular update to scrutiny',
          recurrence: 'quarterly',
          dueDate: '2025-05-29',
          ownerId: owner,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/risks', {
          reference: 'R1',
          title: 'Workforce instability',
          likelihood: 4,
          impact: 4,
          ownerId: owner,
          reviewDate: '2025-05-20',
        })
      ).status,
    ).toBe(201);
    // a closed item is never reminded about
    const closed = (
      await post('/action-sheet-items', {
        meetingId: meeting.id,
        description: 'Already done',
        ownerId: owner,
        dueDate: '2025-05-01',
      })
    ).body;
    await request(w.app)
      .patch(`/api/v1/action-sheet-items/${closed.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'closed', closedOn: '2025-04-30', version: closed.version });
  });
  afterAll(async () => {
    await w.close();
    await smtp.close();
  });

  it('emails each owner one digest of what is overdue or due within five working days, once a day', async () => {
    const result = await runReminders(w.services, { mailer: createMailer(w.services.config) });
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.inbox).toHaveLength(2);

    const toOwner = smtp.inbox.find((m) => m.to.includes(w.orgA.users.contributor.email))!;
    const text = decode(toOwner.raw);
    expect(toOwner.from).toBe('reminders@waymark.test');
    expect(text).toContain('Subject: Waymark reminders: 2 overdue, 2 due soon');
    expect(text).toContain('- Action-sheet item: Share the HMO report (Scrutiny Committee) – was due 1 May 2025');
    expect(text).toContain('- Risk review: R1 Workforce instability – was due 20 May 2025');
    expect(text).toContain(
      '- Action-sheet item: Caseload update (Scrutiny Committee) – due 27 May 2025 (in 2 working days)',
    );
    expect(text).toContain(
      '- Forward-plan report: Regular update to scrutiny (to Scrutiny Committee) – due 29 May 2025 (in 4 working days)',
    );
    expect(text).toMatch(/https:\/\/waymark\.example\/governance\/action-items\/[0-9a-f-]{36}/);
    expect(text).not.toContain('Far in the future');
    expect(text).not.toContain('Already done');

    const toOfficer = decode(smtp.inbox.find((m) => m.to.includes(w.orgA.users.editor.email))!.raw);
    expect(toOfficer).toContain('Subject: Waymark reminders: 1 due soon');
    expect(toOfficer).toContain(
      '- Information request: Staff numbers and length of service (for Scrutiny Committee) – due 23 May 2025 (in 1 working day)',
    );

    // the same day again sends nothing more; forcing sends again
    const again = await runReminders(w.services, { mailer: createMailer(w.services.config) });
    expect(again.sent).toBe(0);
    expect(again.skipped).toBe(2);
    expect(smtp.inbox).toHaveLength(2);
    const forced = await runReminders(w.services, { mailer: createMailer(w.services.config), force: true });
    expect(forced.sent).toBe(2);
    expect(smtp.inbox).toHaveLength(4);
  });

  it('works out the digests without sending when no transport is configured, and counts failures', async () => {
    const none = await runReminders(w.services, { mailer: null, today: '2025-05-23', force: true });
    expect(none).toMatchObject({ sent: 0, unsent: 2 });
    const broken = await runReminders(w.services, {
      mailer: { name: 'broken', send: async () => Promise.reject(new Error('connection refused')) },
      today: '2025-05-27',
      force: true,
    });
    expect(broken).toMatchObject({ sent: 0, failed: 2 });
  });

  it('runs from the in-process daily schedule once the London clock passes the hour', async () => {
    await w.services.db.deleteFrom('reminderRuns').execute();
    const before = smtp.inbox.length;
    const lines: string[] = [];
    // 08:00 UTC on 22 May is 09:00 in London: a schedule for 10:00 does nothing yet…
    const early = startReminderSchedule(w.services, { hour: 10, checkEveryMs: 60_000, log: (l) => lines.push(l) });
    await new Promise((r) => setTimeout(r, 300));
    early();
    expect(smtp.inbox.length).toBe(before);
    // …one for 07:00 sends straight away, and only once.
    const stop = startReminderSchedule(w.services, { hour: 7, checkEveryMs: 50, log: (l) => lines.push(l) });
    for (let i = 0; i < 100 && smtp.inbox.length < before + 2; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect(smtp.inbox.length).toBe(before + 2);
    expect(lines.some((l) => l.includes('Alpha Council: 2 sent'))).toBe(true);
  });
});
