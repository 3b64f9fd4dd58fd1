// The response bodies of the API: with the request schemas (schemas/ajv.ts) the single source of
// the OpenAPI document's components (server/interop/openapi.ts), of the contract tests and of the
// client's response types (`ResponseOf<'datasets.view'>`). Routes name their body by `$id`.
import type { FromSchema } from 'json-schema-to-ts';
import * as access from './access';
import * as accounts from './accounts';
import * as citation from './citation';
import { problemSchema } from './common';
import * as datasets from './datasets';
import * as harvest from './harvest';
import * as labeling from './labeling';
import * as misc from './misc';
import * as stats from './stats';
import * as observatory from './observatory';

export { problemSchema };

/** Every response schema, each with its `$id`. */
export const RESPONSE_SCHEMAS = [
  problemSchema,
  datasets.datasetViewSchema,
  datasets.datasetListSchema,
  datasets.datasetSuggestSchema,
  datasets.datasetVersionListSchema,
  datasets.datasetVersionSchema,
  datasets.datasetReviewChangesSchema,
  datasets.artifactListSchema,
  datasets.artifactCreatedSchema,
  datasets.artifactOneSchema,
  datasets.artifactUploadStateSchema,
  datasets.artifactPartUrlsSchema,
  datasets.artifactPartAckedSchema,
  datasets.artifactDownloadSchema,
  labeling.procedureViewSchema,
  labeling.procedureListSchema,
  labeling.procedureVersionListSchema,
  labeling.procedureVersionSchema,
  labeling.procedureDiffSchema,
  access.policyEvaluationSchema,
  access.accessRequestViewSchema,
  access.accessRequestListSchema,
  access.myAccessSchema,
  accounts.sessionSchema,
  accounts.optionalSessionSchema,
  accounts.emailVerifiedSchema,
  accounts.mailSentSchema,
  accounts.tokenCreatedSchema,
  accounts.tokenListSchema,
  accounts.adminUserSchema,
  accounts.adminUserListSchema,
  accounts.memberSchema,
  accounts.memberListSchema,
  accounts.organizationViewSchema,
  accounts.organizationListSchema,
  accounts.partnerProfileViewSchema,
  misc.notificationSchema,
  misc.notificationListSchema,
  misc.auditListSchema,
  misc.taxonomiesSchema,
  misc.partnerMatchesSchema,
  misc.partnerMatchesExportSchema,
  misc.datasetPartnerMatchesSchema,
  misc.importReportSchema,
  misc.croissantSchema,
  misc.openApiDocumentSchema,
  misc.csvTextSchema,
  stats.datasetStatsSchema,
  stats.providerStatsSchema,
  stats.overviewStatsSchema,
  citation.citationViewSchema,
  citation.citationDataciteSchema,
  observatory.observatorySchema,
  harvest.harvestSourceSchema,
  harvest.harvestSourceListSchema,
  harvest.harvestRunSchema,
  harvest.harvestRunListSchema,
] as const;

type ResponseSchema = (typeof RESPONSE_SCHEMAS)[number];
export type ResponseSchemaId = ResponseSchema['$id'];

/** The TypeScript type of a response body, derived from its schema (what the client reads). */
export type ResponseOf<K extends ResponseSchemaId> = FromSchema<Extract<ResponseSchema, { $id: K }>>;

/** The response schema with this `$id`. */
export function responseSchema(id: ResponseSchemaId): ResponseSchema {
  const found = RESPONSE_SCHEMAS.find((s) => s.$id === id);
  if (!found) throw new Error(`Unknown response schema ${id}`);
  return found;
}

export * from './common';
export { artifactFacts, artifactView, ARTIFACT_STATUSES, DATASET_STATUSES } from './datasets';
export { grantFile } from './access';
export { importRowError } from './misc';

/** A file of a dataset as responses show it. */
export type ArtifactView = FromSchema<typeof datasets.artifactView>;
/** A dataset as the caller may see it (published face or working copy). */
export type DatasetView = ResponseOf<'datasets.view'>;
/** The caller's standing on one dataset (`GET /datasets/{id}/my-access`). */
export type MyAccess = ResponseOf<'accessRequests.myAccess'>;
/** One way to the full data held elsewhere, as a grant reveals it. */
export type ExternalAccessView = MyAccess['active'][number]['externalAccess'][number];
/** The report of a bulk import (`POST /import`). */
export type ImportReport = ResponseOf<'import.report'>;
