// The notifications the publication workflow sends (docs/design.md §5): a submission to the provider's
// reviewers and the national reviewers, never the submitter; "changes requested", "published" and
// "withdrawn" to the provider organisation's active members, never the one who acted. In-app only,
// as the access-request notifications (server/access/notices.ts).
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { AuthUser } from '../http/context';
import { activeMembersOf, FANOUT_LIMIT, nationalReviewers, notify, reviewersOf, type NotificationCode } from '../notifications/notify';
import type { DatasetDoc } from './model';

type Log = Pick<Logger, 'warn'>;

/** The dataset's title in both languages (each falls back to the other, then to the slug). */
function titleOf(doc: DatasetDoc): { ko: string; en: string } {
  const title = (doc.title ?? doc.live?.title ?? {}) as { ko?: string; en?: string };
  return { ko: title.ko || title.en || doc.slug, en: title.en || title.ko || doc.slug };
}

/** Unique ids, without the actor, at most FANOUT_LIMIT; logs what it leaves out. */
function recipients(lists: Array<{ ids: Types.ObjectId[]; truncated: boolean }>, actor: AuthUser, what: string, doc: DatasetDoc, log: Log): Types.ObjectId[] {
  const unique = [...new Map(lists.flatMap((l) => l.ids).map((id) => [String(id), id])).values()].filter((id) => !id.equals(actor.id));
  if (unique.length > FANOUT_LIMIT || lists.some((l) => l.truncated)) {
    log.warn({ datasetId: String(doc._id), notification: what, limit: FANOUT_LIMIT }, 'publication notification sent to the first recipients only');
  }
  return unique.slice(0, FANOUT_LIMIT);
}

// The decision is already stored when these run: a failure to notify is logged, not turned into an
// error that would make the client retry a decision that succeeded.
async function send(ids: Types.ObjectId[], code: NotificationCode, params: Record<string, string | number | { ko: string; en: string }>, doc: DatasetDoc, link: string, log: Log) {
  try {
    await notify(ids, code, params, { type: 'dataset', id: String(doc._id), link });
  } catch (err) {
    log.warn({ err, datasetId: String(doc._id), notification: code }, 'publication notification not stored');
  }
}

/** A submission awaits review: the provider's reviewers and the national reviewers (never the submitter). */
export async function announceSubmission(doc: DatasetDoc, submitter: AuthUser, log: Log): Promise<void> {
  // The entry before this submission is the reviewer's request for changes: a resubmission.
  const code: NotificationCode = doc.reviewHistory.at(-2)?.action === 'request_changes' ? 'dataset_resubmitted' : 'dataset_submitted';
  const own = await reviewersOf(doc.providerId);
  const ids = recipients([{ ids: own, truncated: false }, await nationalReviewers()], submitter, code, doc, log);
  await send(ids, code, { dataset: titleOf(doc), submitter: submitter.name, version: doc.version + 1 }, doc, `/review?open=${doc._id}`, log);
}

/** A reviewer's decision or a withdrawal: the provider organisation's active members (never the actor). */
export async function announceOutcome(doc: DatasetDoc, code: 'dataset_changes_requested' | 'dataset_published' | 'dataset_withdrawn', actor: AuthUser, log: Log): Promise<void> {
  const members = recipients([await activeMembersOf(doc.providerId)], actor, code, doc, log);
  const params = { dataset: titleOf(doc), actor: actor.name, version: doc.version };
  const page = `/datasets/${doc.slug}`;
  if (code !== 'dataset_changes_requested') {
    await send(members, code, params, doc, page, log);
    return;
  }
  // Changes requested: those who can edit go to the editor; other members to the dataset's page,
  // which shows them the working copy and the reviewer's comment.
  const editors = new Set((await activeMembersOf(doc.providerId, { roles: ['provider', 'admin'] })).ids.map(String));
  await send(members.filter((id) => editors.has(String(id))), code, params, doc, `/workspace/datasets/${doc._id}`, log);
  await send(members.filter((id) => !editors.has(String(id))), code, params, doc, page, log);
}
