import mongoose, { Schema, type Types } from 'mongoose';

/** One outgoing message, kept until delivered (and for a while after, for support questions). */
export interface MailDoc {
  _id: Types.ObjectId;
  to: string;
  /** Template code: the `mail` i18n namespace holds its subject and body. */
  template: string;
  lang: 'ko' | 'en';
  subject: string;
  text: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  /** Removed by the sweeper after this time (server/infra/sweeper.ts). */
  expiresAt: Date;
}

const mailSchema = new Schema<MailDoc>(
  {
    to: { type: String, required: true },
    template: { type: String, required: true },
    lang: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'mail_outbox' },
);
// Delivery retries pick undelivered messages, oldest first.
mailSchema.index({ sentAt: 1, createdAt: 1 });
// The sweeper removes expired messages.
mailSchema.index({ expiresAt: 1 });

export const Mail = mongoose.model<MailDoc>('Mail', mailSchema);
