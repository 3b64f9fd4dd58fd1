// Registers every Mongoose model with the process connection (imported for side effects), and the
// per-document write order the embedded database needs (server/infra/write-order.ts).
import './infra/write-order';
export { Organization } from './organizations/model';
export { User, Session, ApiToken, RateLimit } from './auth/models';
export { AuditEvent } from './audit/model';
export { Dataset, DatasetVersion } from './datasets/model';
export { ArtifactUpload } from './artifacts/upload-model';
export { DatasetReviewRecord } from './datasets/review-record';
export { LabelingProcedure, ProcedureVersion } from './labeling/model';
export { AccessRequest, AccessRequestTransition } from './access/model';
export { Notification } from './notifications/model';
export { Mail } from './mail/model';
export { KnownDevice } from './auth/login-guard';
export { UsageCounter } from './stats/model';
