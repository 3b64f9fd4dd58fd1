// The notifications an access request sends: to the provider's reviewers when it needs them, to
// the requester when something was decided about their request.
import { loadDataset } from '../datasets/load';
import type { DatasetDoc } from '../datasets/model';
import type { AuthUser } from '../http/context';
import { nationalReviewers, notify, reviewersOf, type NotificationCode } from '../notifications/notify';
import type { AccessRequestDoc } from './model';

/** Params every access-request notification can interpolate. */
function notificationParams(
  doc: AccessRequestDoc,
  dataset: Pick<DatasetDoc, 'slug' | 'title' | 'live'> | null,
  extra: Record<string, string> = {},
) {
  const title = (dataset?.live?.title ?? dataset?.title ?? {}) as { ko?: string; en?: string };
  return { dataset: { ko: title.ko ?? title.en ?? dataset?.slug ?? '', en: title.en ?? title.ko ?? dataset?.slug ?? '' }, ...extra };
}

/** Tells the requester what happened to their request. */
export async function notifyRequester(
  doc: AccessRequestDoc,
  code: NotificationCode,
  extra: Record<string, string> = {},
  now = new Date(),
): Promise<void> {
  const dataset = await loadDataset(String(doc.datasetId));
  await notify(
    [doc.requesterId],
    code,
    notificationParams(doc, dataset, extra),
    { type: 'access_request', id: String(doc._id), link: `/access-requests/${doc._id}` },
    now,
  );
}

/**
 * Tells the provider's reviewers (except the requester) that a request awaits them; a provider
 * without reviewers of its own has its requests decided by the national review desk, whose
 * reviewers are told instead (docs/workflows.md).
 */
export async function notifyReviewers(
  doc: AccessRequestDoc,
  dataset: DatasetDoc,
  requester: AuthUser,
  code: NotificationCode,
  now: Date,
): Promise<void> {
  let reviewers = (await reviewersOf(doc.providerId)).filter((id) => !id.equals(requester.id));
  if (!reviewers.length) reviewers = (await nationalReviewers()).ids.filter((id) => !id.equals(requester.id));
  await notify(
    reviewers,
    code,
    notificationParams(doc, dataset, { requester: requester.name }),
    { type: 'access_request', id: String(doc._id), link: `/access-requests/${doc._id}` },
    now,
  );
}
