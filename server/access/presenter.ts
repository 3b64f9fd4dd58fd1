import type { Lang } from '../i18n';
import type { BilingualText } from '../organizations/model';
import { explain } from '../policy/messages';
import type { AccessRequestDoc } from './model';
import { effectiveStatus, slaOf } from './status';

/** What a presented request shows of its dataset. */
export interface DatasetSummary {
  id: string;
  slug: string;
  title: BilingualText;
}

/** What a presented request shows of its requester. */
export interface RequesterSummary {
  id: string;
  name: string;
  organization: { slug: string; name: BilingualText; country: string; type: string } | null;
}

export interface PresentOptions {
  lang: Lang;
  now: Date;
  slaDays: number;
}

const person = (id: { toString(): string } | null, name: string | null) => (id ? { id: String(id), name: name ?? '' } : null);

/**
 * An access request for its requester or a reviewer: computed status (expiry is decided at read
 * time), the policy evaluation with messages in the caller's language, the decision, the full
 * history with timestamps, and the request's age against the review SLA. No idempotency key or
 * body hash: those are the client's and the server's own business.
 */
export function presentAccessRequest(
  doc: AccessRequestDoc,
  dataset: DatasetSummary | null,
  requester: RequesterSummary | null,
  opts: PresentOptions,
) {
  const explained = explain(doc.evaluation, opts.lang);
  return {
    id: String(doc._id),
    kind: doc.kind,
    status: effectiveStatus(doc, opts.now),
    dataset: dataset ?? { id: String(doc.datasetId), slug: null, title: {} },
    requester: requester ?? { id: String(doc.requesterId), name: '', organization: null },
    scope: doc.scope,
    purpose: doc.purpose,
    statement: doc.statement,
    durationDays: doc.durationDays,
    acceptedAgreements: doc.acceptedAgreements.map((a) => ({ code: a.code, acceptedAt: a.acceptedAt })),
    evaluation: {
      ...explained,
      datasetVersion: doc.evaluation.datasetVersion,
      maxGrantDays: doc.evaluation.maxGrantDays,
      evaluatedAt: doc.evaluation.evaluatedAt,
    },
    claimedBy: person(doc.claimedBy, doc.claimedByName),
    decidedBy: person(doc.decidedBy, doc.decidedByName),
    decidedBySystem: doc.decidedBySystem,
    decidedAt: doc.decidedAt,
    decisionReason: doc.decisionReason,
    conditions: doc.conditions,
    evidence: doc.evidence,
    expiresAt: doc.expiresAt,
    revokedAt: doc.revokedAt,
    revokeReason: doc.revokeReason,
    history: doc.history.map((h) => ({
      at: h.at,
      actor: person(h.actor, h.actorName),
      bySystem: h.actor === null,
      from: h.from,
      to: h.to,
      note: h.note,
    })),
    ...slaOf(doc, opts.slaDays, opts.now),
    submittedAt: doc.submittedAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
