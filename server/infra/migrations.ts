// One-time changes to stored data when the model changes, each recorded in `migrations` by id so it
// runs once per database (several app processes may start at once: the unique id decides which one
// runs it; a migration must also be safe to run twice, since a process can die half-way).
import mongoose, { Schema } from 'mongoose';
import type { Logger } from 'pino';
import { AuditEvent } from '../audit/model';
import { User } from '../auth/models';
import type { ArtifactDoc } from '../datasets/model';

interface MigrationDoc {
  _id: string;
  startedAt: Date;
  doneAt: Date | null;
}

const migrationSchema = new Schema<MigrationDoc>({ _id: String, startedAt: Date, doneAt: Date }, { versionKey: false, collection: 'migrations' });
const Migration = mongoose.model<MigrationDoc>('Migration', migrationSchema);

interface MigrationStep {
  id: string;
  run(log: Pick<Logger, 'info'>): Promise<void>;
}

const STEPS: MigrationStep[] = [
  {
    // Membership became a granted state (docs/design.md §3 User). Accounts stored before that carried a bare
    // organisationId. Those created by an administrator or the seed keep their rights; those that
    // registered themselves had only claimed their organisation, so their claim becomes a request.
    id: '2026-12-membership',
    async run(log) {
      const legacy = await User.find({ membership: { $exists: false } }, { _id: 1, organizationId: 1 }).lean();
      if (!legacy.length) return;
      const selfRegistered = new Set(
        (await AuditEvent.find({ action: 'auth.register', targetType: 'user' }, { targetId: 1 }).lean()).map((e) => String(e.targetId)),
      );
      let pending = 0;
      for (const u of legacy) {
        const claimed = selfRegistered.has(String(u._id));
        if (claimed) pending++;
        await User.updateOne(
          { _id: u._id, membership: { $exists: false } },
          {
            $set: {
              membership: u.organizationId ? (claimed ? 'pending' : 'active') : 'none',
              membershipRequestedAt: claimed ? new Date() : null,
              orgAdmin: false,
              // Organisation roles of a claimed membership go with it.
              ...(claimed ? { roles: ['researcher'] } : {}),
            },
          },
        );
      }
      log.info({ accounts: legacy.length, nowPending: pending }, 'membership migration: legacy accounts updated');
    },
  },
  {
    // Files became part of the approved version (docs/design.md §3 artifacts): the public sees the set
    // approved with the live snapshot. Before, it saw every available file of the working copy, so
    // that is the set each stored snapshot starts with.
    id: '2026-12-live-files',
    async run(log) {
      // Raw collection: it runs before the search index loads, so no change feed is needed.
      const datasets = mongoose.connection.collection('datasets');
      const docs = await datasets.find({ live: { $ne: null }, 'live.artifacts': { $exists: false } }, { projection: { artifacts: 1 } }).toArray();
      for (const d of docs) {
        const files = ((d.artifacts ?? []) as ArtifactDoc[]).filter((a) => a.status === 'available');
        await datasets.updateOne({ _id: d._id, 'live.artifacts': { $exists: false } }, { $set: { 'live.artifacts': files } });
      }
      log.info({ datasets: docs.length }, 'live-files migration: approved file sets recorded');
    },
  },
  {
    // The note stored with each published version was the approving reviewer's comment, which the
    // public history showed; it is private now and the public sees the provider's change summary.
    id: '2026-12-reviewer-comment',
    async run() {
      const versions = mongoose.connection.collection('dataset_versions');
      await versions.updateMany({ comment: { $exists: true } }, { $rename: { comment: 'reviewerComment' } });
    },
  },
  {
    // Rate-limit counters are now addressed by a `<key>@<window>` id (so each is written in order on
    // its own); the old ones, with their unique (key, windowStart) index, are only minutes of state.
    id: '2026-12-rate-limit-ids',
    async run() {
      const db = mongoose.connection.db;
      if (!db) return;
      const exists = (await db.listCollections({ name: 'rate_limits' }).toArray()).length > 0;
      if (exists) {
        await db.collection('rate_limits').drop().catch(() => undefined);
        await mongoose.model('RateLimit').createIndexes();
      }
    },
  },
];

/** Applies every migration this database has not recorded yet. */
export async function runMigrations(log: Pick<Logger, 'info'>): Promise<void> {
  for (const step of STEPS) {
    const done = await Migration.findById(step.id).lean();
    if (done?.doneAt) continue;
    if (!done) await Migration.create({ _id: step.id, startedAt: new Date(), doneAt: null }).catch(() => undefined);
    await step.run(log);
    await Migration.updateOne({ _id: step.id }, { $set: { doneAt: new Date() } });
  }
}
