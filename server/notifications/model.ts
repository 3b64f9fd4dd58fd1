import mongoose, { Schema, type Types } from 'mongoose';

/** A bilingual value or a plain one; presenters pick the caller's language. */
export type NotificationParam = string | number | { ko?: string; en?: string };

/** An in-app message to one user: a stable code and its parameters, rendered in the reader's language. */
export interface NotificationDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  code: string;
  params: Record<string, NotificationParam>;
  targetType: string;
  targetId: string;
  /** Path in the web client the message links to. */
  link: string | null;
  /** Kept with readAt so that "unread first, then newest" is one index-backed sort. */
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
}

const notificationSchema = new Schema<NotificationDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true },
    params: { type: Schema.Types.Mixed, default: {} },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    link: { type: String, default: null },
    read: { type: Boolean, default: false },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, collection: 'notifications' },
);
// GET /notifications: one user's messages, unread first, newest first; also the unread count.
notificationSchema.index({ userId: 1, read: 1, createdAt: -1 });

export const Notification = mongoose.model<NotificationDoc>('Notification', notificationSchema);
