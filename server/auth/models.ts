import mongoose, { Schema, type Types } from 'mongoose';

export const ROLES = ['provider', 'researcher', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that act for an organisation: they count only while the membership is active. */
export const ORGANIZATION_ROLES: readonly Role[] = ['provider', 'reviewer'];

/** docs/design.md §3: membership is granted (by the organisation's admins, or a verified e-mail domain), never claimed. */
export type MembershipStatus = 'none' | 'pending' | 'active';

export interface UserDoc {
  _id: Types.ObjectId;
  email: string;
  name: string;
  /** The organisation joined (membership active) or asked to join (pending); null with none. */
  organizationId: Types.ObjectId | null;
  membership: MembershipStatus;
  membershipRequestedAt: Date | null;
  /** What the applicant told the organisation's admins. */
  membershipNote: string | null;
  /** Manages the members of their organisation (approves requests, grants organisation roles). */
  orgAdmin: boolean;
  roles: Role[];
  locale: 'ko' | 'en';
  disabled: boolean;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  /** SHA-256 of the pending e-mail verification secret and when it stops working. */
  emailVerification: { tokenHash: string; expiresAt: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserDoc>(
  {
    email: { type: String, required: true },
    name: { type: String, required: true },
    organizationId: { type: Schema.Types.ObjectId, default: null },
    membership: { type: String, default: 'none' },
    membershipRequestedAt: { type: Date, default: null },
    membershipNote: { type: String, default: null },
    orgAdmin: { type: Boolean, default: false },
    roles: { type: [String], default: ['researcher'] },
    locale: { type: String, default: 'en' },
    disabled: { type: Boolean, default: false },
    passwordHash: { type: String, required: true },
    emailVerifiedAt: { type: Date, default: null },
    emailVerification: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, collection: 'users' },
);
// Sign-in by e-mail; one account per address (stored lower-cased).
userSchema.index({ email: 1 }, { unique: true });
// Members of an organisation (admin user list, reviewer lookup, membership requests by state).
userSchema.index({ organizationId: 1, email: 1 });
// E-mail verification looks the secret up by its hash.
userSchema.index({ 'emailVerification.tokenHash': 1 });

export const User = mongoose.model<UserDoc>('User', userSchema);

export interface SessionDoc {
  _id: Types.ObjectId;
  tokenHash: string;
  userId: Types.ObjectId;
  csrfToken: string;
  expiresAt: Date;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    csrfToken: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
  },
  { versionKey: false, collection: 'sessions' },
);
// Every authenticated cookie request looks its session up by the hash of the cookie value.
sessionSchema.index({ tokenHash: 1 }, { unique: true });
// Sign out everywhere / cleanup of a user's sessions.
sessionSchema.index({ userId: 1, expiresAt: 1 });

export const Session = mongoose.model<SessionDoc>('Session', sessionSchema);

export interface ApiTokenDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  name: string;
  tokenHash: string;
  prefix: string;
  expiresAt: Date;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    tokenHash: { type: String, required: true },
    prefix: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'api_tokens' },
);
// Bearer authentication looks tokens up by hash.
apiTokenSchema.index({ tokenHash: 1 }, { unique: true });
// GET /auth/tokens lists a user's tokens, newest first.
apiTokenSchema.index({ userId: 1, createdAt: -1 });

export const ApiToken = mongoose.model<ApiTokenDoc>('ApiToken', apiTokenSchema);

export interface RateLimitDoc {
  /** `<key>@<window start, ISO>`: counters are addressed by id, so each one's writes are ordered on their own (server/infra/write-order.ts). */
  _id: string;
  key: string;
  windowStart: Date;
  count: number;
}

const rateLimitSchema = new Schema<RateLimitDoc>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    windowStart: { type: Date, required: true },
    count: { type: Number, default: 0 },
  },
  { versionKey: false, collection: 'rate_limits' },
);
// Fixed-window counters, one document per (key, window), kept in the database so every app process
// shares them; the sweeper removes past windows by their start.
rateLimitSchema.index({ windowStart: 1 });

export const RateLimit = mongoose.model<RateLimitDoc>('RateLimit', rateLimitSchema);
