// Finishes bulk imports whose process died, or that gave up after an unexpected failure (the batch
// protocol is described in batch.ts). Every app process runs this at start and then periodically,
// because several processes may share one database and a batch's owner may be any of them: a batch
// is touched only once its heartbeat is older than the lease, and only by the pass that wins the
// conditional update taking it over. All-or-nothing batches are rolled back; partial ones keep what
// they wrote and get the audit events they miss. Clocks of app hosts are assumed to agree to well
// within the lease (30 s).
import type { Logger } from 'pino';
import type { Types } from 'mongoose';
import { withDbDeadline } from '../infra/db-calls';
import { auditBatch, cleanUpBatch, finishBatch, holdLease, loadPlan, newOwnerToken, rollBackBatch, STALE_AFTER_MS, writtenEntries, type RollbackOutcome } from './batch';
import { ImportBatch, ImportPrior, type ImportBatchDoc } from './model';

/** What the reconciler did with one batch. */
export interface ReconciledBatch {
  batchId: string;
  organizationId: string;
  partial: boolean;
  outcome: 'rolled_back' | 'completed';
  /** Partial batches: datasets found written (each now has its audit event). */
  written?: number;
  rollback?: RollbackOutcome;
}

export interface ReconcileOptions {
  /** A `writing` batch is taken over once its heartbeat is this old (default STALE_AFTER_MS). */
  staleAfterMs?: number;
}

/** Settles one batch this pass has taken over. */
async function settle(batch: ImportBatchDoc, token: string): Promise<ReconciledBatch> {
  const base = { batchId: String(batch._id), organizationId: String(batch.organizationId), partial: batch.partial };
  const plan = await loadPlan(batch._id);
  if (batch.partial) {
    const written = await writtenEntries(plan);
    await auditBatch(batch, written, { created: written.creates.length, updated: written.updates.length, invalid: batch.invalid, reconciled: true });
    if (await finishBatch(batch._id, token, 'committed')) await cleanUpBatch(batch._id);
    return { ...base, outcome: 'completed', written: written.creates.length + written.updates.length };
  }
  const priors = await ImportPrior.find({ batchId: batch._id }).lean();
  // The system acts here: the importing user is named in the event's details.
  const rollback = await rollBackBatch(batch, plan, priors, { id: null, ip: null }, 'owner_lost');
  if (await finishBatch(batch._id, token, 'rolled_back')) await cleanUpBatch(batch._id);
  return { ...base, outcome: 'rolled_back', rollback };
}

/** Takes over the batch if it is still `writing` and stale; null when someone else holds or finished it. */
async function takeOver(batchId: Types.ObjectId, cutoff: Date, token: string): Promise<ImportBatchDoc | null> {
  return ImportBatch.findOneAndUpdate(
    { _id: batchId, state: 'writing', heartbeatAt: { $lt: cutoff } },
    { $set: { owner: token, heartbeatAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<ImportBatchDoc>();
}

/**
 * Background work outside any request: its `$in` reads and deletes over a batch's datasets scan the
 * collection on the embedded SQLite backend, so each call may take far longer than a request's deadline.
 */
const PASS_CALL_DEADLINE_MS = 120_000;

/** One pass: settles every import batch whose owner is gone and removes finished batches left behind. */
export function reconcileImportBatches(opts: ReconcileOptions = {}): Promise<ReconciledBatch[]> {
  return withDbDeadline(PASS_CALL_DEADLINE_MS, () => reconcilePass(opts));
}

async function reconcilePass(opts: ReconcileOptions): Promise<ReconciledBatch[]> {
  const cutoff = new Date(Date.now() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  const candidates = await ImportBatch.find(
    { $or: [{ state: 'writing', heartbeatAt: { $lt: cutoff } }, { state: { $in: ['committed', 'rolled_back'] } }] },
    { state: 1 },
  ).lean<Array<Pick<ImportBatchDoc, '_id' | 'state'>>>();
  const done: ReconciledBatch[] = [];
  for (const c of candidates) {
    // Finished, but the process stopped before removing its record and priors.
    if (c.state !== 'writing') {
      await cleanUpBatch(c._id);
      continue;
    }
    const token = newOwnerToken();
    const batch = await takeOver(c._id, cutoff, token);
    if (!batch) continue;
    const lease = holdLease(batch._id, token);
    try {
      done.push(await settle(batch, token));
    } finally {
      lease.stop();
    }
  }
  return done;
}

/** Runs a reconciler pass now and every `everyMs` (default 10 s); returns a function that stops it. */
export function startImportReconciler(opts: { log: Logger; everyMs?: number } & ReconcileOptions): () => void {
  let running: Promise<void> | null = null;
  const pass = () => {
    // One pass at a time per process; a slow pass simply delays the next.
    running ??= reconcileImportBatches(opts)
      .then((done) => {
        for (const b of done) opts.log.warn(b, 'import batch of a lost process settled');
      })
      .catch((err: unknown) => opts.log.warn({ err }, 'import reconciliation failed; retrying'))
      .finally(() => (running = null));
  };
  pass();
  const timer = setInterval(pass, opts.everyMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
