import nodemailer from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';
import type { Config } from '../../config.js';

/** Somewhere to send a plain-text email. */
export interface Mailer {
  readonly name: string;
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * The mail transport from configuration: GOV.UK Notify when NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are
 * set (the template takes ((subject)) and ((body)) placeholders), otherwise SMTP through nodemailer when
 * SMTP_URL is set, otherwise none (reminders are worked out and logged, not sent).
 */
export function createMailer(config: Config): Mailer | null {
  const { mail } = config;
  if (mail.notifyApiKey && mail.notifyTemplateId) {
    const client = new NotifyClient(mail.notifyApiKey);
    const templateId = mail.notifyTemplateId;
    return {
      name: 'GOV.UK Notify',
      async send({ to, subject, text }) {
        await client.sendEmail(templateId, to, { personalisation: { subject, body: text } });
      },
    };
  }
  if (mail.smtpUrl) {
    const transport = nodemailer.createTransport(mail.smtpUrl);
    return {
      name: 'SMTP',
      async send({ to, subject, text }) {
        await transport.sendMail({ from: mail.from, to, subject, text });
      },
    };
  }
  return null;
}
