// Outgoing e-mail (verification links, membership decisions). Every message is written to the
// `mail_outbox` collection first, so nothing is lost when the SMTP server is down; with SMTP_URL set
// it is delivered at once and retried later if that fails. Without SMTP_URL (a demo or test machine)
// the message stays in the outbox and its text goes to the log, where a developer finds the link.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../infra/config';
import { translator, type Lang } from '../i18n';
import { Mail, type MailDoc } from './model';

/** Message templates; each has `subject` and `body` in server/i18n/locales/{en,ko}/mail.json. */
export type MailTemplate = 'verify_email' | 'membership_approved' | 'membership_rejected';

const KEEP_DAYS = 30;
const MAX_ATTEMPTS = 5;

let transport: { url: string; transporter: Transporter } | null = null;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

async function deliver(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: Pick<Logger, 'info' | 'warn'>, doc: MailDoc): Promise<void> {
  if (!config.smtpUrl) {
    log.info({ to: doc.to, subject: doc.subject, text: doc.text }, 'mail kept in the outbox (no SMTP_URL configured)');
    return;
  }
  try {
    await transporterFor(config.smtpUrl).sendMail({ from: config.mailFrom, to: doc.to, subject: doc.subject, text: doc.text });
    await Mail.updateOne({ _id: doc._id }, { $set: { sentAt: new Date(), lastError: null }, $inc: { attempts: 1 } });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await Mail.updateOne({ _id: doc._id }, { $set: { lastError: message.slice(0, 500) }, $inc: { attempts: 1 } });
    log.warn({ err, to: doc.to }, 'mail delivery failed; it stays in the outbox and is retried');
  }
}

/** Renders a template in the recipient's language, stores it in the outbox and tries to deliver it. */
export async function sendMail(
  deps: { config: Pick<Config, 'smtpUrl' | 'mailFrom'>; log: Pick<Logger, 'info' | 'warn'> },
  message: { to: string; template: MailTemplate; lang: Lang; params: Record<string, string> },
): Promise<void> {
  const t = translator(message.lang);
  const now = new Date();
  const doc = await Mail.create({
    to: message.to,
    template: message.template,
    lang: message.lang,
    subject: t(`mail:${message.template}.subject`, message.params),
    text: t(`mail:${message.template}.body`, message.params),
    createdAt: now,
    expiresAt: new Date(now.getTime() + KEEP_DAYS * 86400_000),
  });
  await deliver(deps.config, deps.log, doc.toObject() as MailDoc);
}

/** Retries undelivered messages (called periodically by the sweeper when SMTP is configured). */
export async function retryUndelivered(deps: { config: Pick<Config, 'smtpUrl' | 'mailFrom'>; log: Pick<Logger, 'info' | 'warn'> }): Promise<void> {
  if (!deps.config.smtpUrl) return;
  const pending = await Mail.find({ sentAt: null, attempts: { $lt: MAX_ATTEMPTS } }).sort({ createdAt: 1 }).limit(50).lean<MailDoc[]>();
  for (const doc of pending) await deliver(deps.config, deps.log, doc);
}
