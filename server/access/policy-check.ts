// How access requests ask the policy engine, and what they keep of its answer.
import type { DatasetDoc } from '../datasets/model';
import { AppError, conflict } from '../http/errors';
import type { Lang } from '../i18n';
import { policyDatasetOf } from '../policy/dataset-rules';
import { explain } from '../policy/messages';
import type { Evaluation, PolicyDataset, RequirementCode } from '../policy/types';
import type { EvaluationSnapshot } from './model';

/** Requirements a reviewer may only approve with a permit or approval number. */
export const EVIDENCE_REQUIREMENTS: readonly RequirementCode[] = ['export_license', 'government_approval'];

/** True when the evaluation lists the requirement. */
export const requires = (ev: Pick<Evaluation, 'requirements'>, code: RequirementCode) => ev.requirements.some((r) => r.code === code);

/** 422 with every reason, localised; the body carries the decision like POST /policy/evaluate. */
export function accessDenied(evaluation: Evaluation, lang: Lang): AppError {
  const explained = explain(evaluation, lang);
  return new AppError(422, 'access_denied', { count: explained.reasons.length }, undefined, {
    decision: 'deny',
    reasons: explained.reasons,
  });
}

/** What a request stores of the engine's answer (evidence for reviewers). */
export function snapshotOf(evaluation: Evaluation, dataset: PolicyDataset, version: number, now: Date): EvaluationSnapshot {
  return {
    decision: evaluation.decision,
    reasons: [...evaluation.reasons],
    requirements: evaluation.requirements.map((r) => ({ code: r.code, blocking: r.blocking })),
    datasetVersion: version,
    maxGrantDays: dataset.disclosure.maxGrantDays,
    evaluatedAt: now,
  };
}

/** The published rules of a dataset, or 409 when there is nothing published to ask for. */
export function publishedRules(dataset: DatasetDoc): { rules: PolicyDataset; version: number } {
  if (!dataset.live || dataset.withdrawnAt) throw conflict('dataset_not_published');
  return { rules: policyDatasetOf(dataset.live), version: dataset.live.version };
}
