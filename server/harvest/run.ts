// A harvest run (docs/harvesting.md "Runs"): claimed by one conditional update of its source (one
// running run per source), then carried out in the background — fetch, read, map, write in chunks,
// withdraw what disappeared (only after a complete success) — and finished with its report, the
// source's validators for the next conditional request, its next scheduled time and an audit event.
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { AuditActor } from '../audit/record';
import { recordAudit } from '../audit/record';
import type { HarvestConfig } from '../infra/config';
import { conflict } from '../http/errors';
import { applyChunk } from './apply';
import { runErrorOf, type HarvestError } from './errors';
import { fetchDocument, type Validators } from './fetcher';
import { mapRecord, type Mapped } from './mapper';
import { HarvestRun, HarvestSource, type HarvestRunDoc, type HarvestSourceDoc, type RunStatus, type RunTrigger } from './model';
import { readCkan } from './read-ckan';
import { readDcatAp } from './read-dcat-ap';
import { readDcatUs } from './read-dcat-us';
import type { RecordSink } from './record';
import { RunState } from './run-state';
import { nextRunAt } from './schedule';
import { withdrawMissing } from './withdraw';

/** Records written per chunk (one lookup and a few bulk writes each). */
const CHUNK = 200;
const HEARTBEAT_MS = 5_000;
/** A `running` run whose heartbeat is older than this has lost its process; its claim may be taken over. */
export const STALE_RUN_MS = 60_000;

type Log = Pick<Logger, 'warn' | 'info'>;

/** Runs that finished (for tests and the bench: resolves when the background work of a run is over). */
const inFlight = new Map<string, Promise<void>>();
/** Waits until the run started by this process has finished (immediately when it is not one of ours). */
export async function settled(runId: string): Promise<void> {
  await inFlight.get(runId);
}

/** Takes the source's run slot for `runId`, taking over a run whose process died. */
async function claim(source: HarvestSourceDoc, runId: Types.ObjectId): Promise<HarvestSourceDoc | null> {
  const claimed = await HarvestSource.findOneAndUpdate({ _id: source._id, runningRunId: null }, { $set: { runningRunId: runId } }, { returnDocument: 'after' }).lean<HarvestSourceDoc>();
  if (claimed) return claimed;
  const current = await HarvestSource.findById(source._id).lean<HarvestSourceDoc>();
  if (!current?.runningRunId) return null;
  const stale = await HarvestRun.findOneAndUpdate(
    { _id: current.runningRunId, status: 'running', heartbeatAt: { $lt: new Date(Date.now() - STALE_RUN_MS) } },
    { $set: { status: 'failed', finishedAt: new Date(), error: { code: 'interrupted' } } },
  );
  const gone = !stale && !(await HarvestRun.exists({ _id: current.runningRunId, status: 'running' }));
  if (!stale && !gone) return null;
  return HarvestSource.findOneAndUpdate({ _id: source._id, runningRunId: current.runningRunId }, { $set: { runningRunId: runId } }, { returnDocument: 'after' }).lean<HarvestSourceDoc>();
}

/**
 * Starts a run of `source` and returns it (status `running`); 409 `harvest_running` when the source
 * has one already. The work goes on in the background after this returns.
 */
export async function startRun(source: HarvestSourceDoc, trigger: RunTrigger, actor: AuditActor, cfg: HarvestConfig, log: Log): Promise<HarvestRunDoc> {
  const now = new Date();
  const run: HarvestRunDoc = {
    _id: new Types.ObjectId(),
    sourceId: source._id,
    trigger,
    status: 'running',
    startedAt: now,
    finishedAt: null,
    heartbeatAt: now,
    counts: { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 },
    skipped: [],
    skippedTotal: 0,
    error: null,
  };
  await HarvestRun.create(run);
  const claimed = await claim(source, run._id);
  if (!claimed) {
    await HarvestRun.deleteOne({ _id: run._id });
    throw conflict('harvest_running');
  }
  const work = execute(new RunState(claimed, run._id), cfg, actor).catch((err: unknown) => log.warn({ err, runId: String(run._id) }, 'harvest run failed unexpectedly'));
  inFlight.set(String(run._id), work);
  void work.finally(() => inFlight.delete(String(run._id)));
  return run;
}

/** Reads the source with its reader, handing records to `sink`; null when the source answered 304. */
async function read(state: RunState, cfg: HarvestConfig, sink: RecordSink): Promise<Validators | null> {
  const { source } = state;
  if (source.kind === 'ckan') {
    await readCkan(source.url, cfg, sink);
    return { etag: null, lastModified: null };
  }
  const known = source.etag || source.lastModified ? { etag: source.etag, lastModified: source.lastModified } : null;
  const outcome = await fetchDocument(source.url, cfg, known);
  if (outcome.notModified) return null;
  if (source.kind === 'dcat-us') await readDcatUs(outcome, sink);
  else await readDcatAp(outcome, sink);
  return outcome.validators;
}

async function execute(state: RunState, cfg: HarvestConfig, actor: AuditActor): Promise<void> {
  const runId = state.runId;
  const heartbeat = setInterval(() => {
    HarvestRun.updateOne({ _id: runId, status: 'running' }, { $set: { heartbeatAt: new Date(), counts: state.counts } }).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let status: RunStatus = 'succeeded';
  let error: HarvestError | null = null;
  let validators: Validators | null = null;
  try {
    let chunk: Mapped[] = [];
    const flush = async () => {
      const items = chunk;
      chunk = [];
      await applyChunk(state, items);
    };
    const sink: RecordSink = async (rec) => {
      state.counts.fetched++;
      if ('invalid' in rec) return state.skip({ originalId: rec.originalId, code: 'invalid_record' });
      const m = mapRecord(rec);
      if ('code' in m) {
        const duplicate = m.originalId !== null && state.seen.has(m.originalId);
        // A record still listed but unusable now is not "gone": its dataset is kept (a private one is withdrawn).
        if (m.originalId && m.code !== 'private_record') state.seen.add(m.originalId);
        return state.skip({ originalId: m.originalId, code: duplicate ? 'duplicate_identifier' : m.code, params: m.params });
      }
      if (state.seen.has(m.originalId)) return state.skip({ originalId: m.originalId, code: 'duplicate_identifier' });
      state.seen.add(m.originalId);
      chunk.push(m);
      if (chunk.length >= CHUNK) await flush();
    };
    validators = await read(state, cfg, sink);
    if (validators === null) status = 'not_modified';
    else {
      await flush();
      state.counts.withdrawn = await withdrawMissing(state.source._id, state.seen);
    }
  } catch (err) {
    status = 'failed';
    error = runErrorOf(err);
  } finally {
    clearInterval(heartbeat);
  }
  await finish(state, status, error, validators, actor);
}

async function finish(state: RunState, status: RunStatus, error: HarvestError | null, validators: Validators | null, actor: AuditActor): Promise<void> {
  const { source, runId } = state;
  const now = new Date();
  await HarvestRun.updateOne(
    { _id: runId },
    {
      $set: {
        status,
        finishedAt: now,
        heartbeatAt: now,
        counts: state.counts,
        skipped: state.skipped,
        skippedTotal: state.counts.skipped,
        error: error ? { code: error.code, params: error.params } : null,
      },
    },
  );
  const current = await HarvestSource.findById(source._id).lean<HarvestSourceDoc>();
  await HarvestSource.updateOne(
    { _id: source._id, runningRunId: runId },
    {
      $set: {
        runningRunId: null,
        lastRunId: runId,
        ...(status === 'succeeded' && validators ? { etag: validators.etag, lastModified: validators.lastModified } : {}),
        ...(current ? { nextRunAt: nextRunAt(current.schedule, current.enabled, now) } : {}),
      },
    },
  );
  await recordAudit(actor, 'harvest.run', { type: 'harvest_source', id: source._id, organizationId: source.providerId }, {
    run: String(runId),
    status,
    counts: state.counts,
    ...(error ? { error: error.code } : {}),
  });
}
