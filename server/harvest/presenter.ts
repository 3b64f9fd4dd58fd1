// What the harvest API shows of sources and runs (schemas/responses/harvest.ts); messages of skipped
// records and run errors in the request's language.
import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import { Organization, type OrganizationDoc } from '../organizations/model';
import { HarvestRecord, HarvestRun, type HarvestRunDoc, type HarvestSourceDoc } from './model';
import { bothLanguages } from './origin-view';

/** A run without its skipped list. */
export function presentRunSummary(run: HarvestRunDoc) {
  return {
    id: String(run._id),
    sourceId: String(run.sourceId),
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    counts: run.counts,
  };
}

/** A run report with localised messages. */
export function presentRun(run: HarvestRunDoc, t: TFunction) {
  return {
    ...presentRunSummary(run),
    skipped: run.skipped.map((s) => ({
      originalId: s.originalId,
      code: s.code,
      message: t(`common:harvest.skip.${s.code}`, { ...(s.params ?? {}), defaultValue: t('common:harvest.skip.invalid_record') }),
    })),
    skippedTotal: run.skippedTotal,
    error: run.error
      ? { code: run.error.code, message: t(`common:harvest.error.${run.error.code}`, { ...(run.error.params ?? {}), defaultValue: t('common:harvest.error.internal_error') }) }
      : null,
  };
}

/** Sources with their provider, last run and number of datasets (listed, not withdrawn). */
export async function presentSources(docs: HarvestSourceDoc[]) {
  const providerIds = [...new Set(docs.map((d) => String(d.providerId)))];
  const orgs = await Organization.find({ _id: { $in: providerIds } }, { slug: 1, name: 1 }).lean<OrganizationDoc[]>();
  const orgById = new Map(orgs.map((o) => [String(o._id), o]));
  const runIds = docs.map((d) => d.lastRunId).filter((id): id is Types.ObjectId => !!id);
  const runs = runIds.length ? await HarvestRun.find({ _id: { $in: runIds } }).lean<HarvestRunDoc[]>() : [];
  const runById = new Map(runs.map((r) => [String(r._id), r]));
  return Promise.all(
    docs.map(async (d) => {
      const org = orgById.get(String(d.providerId));
      const lastRun = d.lastRunId ? runById.get(String(d.lastRunId)) : undefined;
      return {
        id: String(d._id),
        name: bothLanguages(d.name),
        kind: d.kind,
        url: d.url,
        provider: { id: String(d.providerId), slug: org?.slug ?? '', name: bothLanguages(org?.name) },
        schedule: d.schedule,
        enabled: d.enabled,
        nextRunAt: d.nextRunAt,
        lastRun: lastRun ? presentRunSummary(lastRun) : null,
        datasetCount: await HarvestRecord.countDocuments({ sourceId: d._id, withdrawn: false }),
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
    }),
  );
}
