// Putting what was read or written into the dataset store, and into the catalogue index when a
// dataset's published face changed: documents, organisations, publication histories.
import type { Logger } from 'pino';
import type { Types } from 'mongoose';
import type { DatasetDoc } from '../datasets/model';
import type { DatasetStore, ProviderRef } from '../datasets/store';
import type { CatalogIndex } from './catalog-index';
import { entryOf } from './entry';
import { readDatasets, readOrganization, readOrganizations, readVersions } from './sync-reads';
import type { CatalogEntry } from './types';

export class StoreApplier {
  private readonly versionReads = new Set<string>();

  constructor(
    private readonly store: DatasetStore,
    private readonly index: CatalogIndex,
    private readonly log?: Pick<Logger, 'warn' | 'info'>,
  ) {}

  /** Puts a read or written document into the store and, when its published face changed, the index. */
  async acceptDoc(doc: DatasetDoc, reindex: boolean): Promise<void> {
    const id = doc._id.toHexString();
    const before = this.store.get(id);
    if (!this.store.accept(doc)) return;
    const after = this.store.get(id)!;
    if (reindex && !sameFace(before, after)) this.index.put(id, await this.entryFor(after));
    if (after.version > 0 && !this.store.versionsOf(after)) void this.refreshVersions(id);
  }

  private async entryFor(doc: DatasetDoc): Promise<CatalogEntry | null> {
    if (!doc.live || doc.withdrawnAt) return null;
    return entryOf(doc, await this.providerOf(doc.providerId));
  }

  private async providerOf(id: Types.ObjectId): Promise<ProviderRef | undefined> {
    const known = this.store.provider(String(id));
    if (known) return known;
    const org = await readOrganization(id);
    if (org) this.store.setProvider(org);
    return org;
  }

  /** Builds the index afresh from the whole store. */
  rebuildIndex(): void {
    const entries: CatalogEntry[] = [];
    for (const doc of this.store.docs()) {
      if (!doc.live || doc.withdrawnAt) continue;
      const e = entryOf(doc, this.store.provider(String(doc.providerId)));
      if (e) entries.push(e);
    }
    this.index.replaceAll(entries);
  }

  /** Re-reads organisations and re-presents their datasets' catalogue entries. */
  async refreshOrganizations(ids: string[]): Promise<void> {
    for (const o of await readOrganizations(ids)) this.store.setProvider(o);
    const affected = new Set(ids);
    for (const e of [...this.index.entries()]) {
      if (!affected.has(e.providerId)) continue;
      const doc = this.store.get(e.id);
      this.index.put(e.id, doc ? await this.entryFor(doc) : null);
    }
  }

  /** Re-reads datasets by id; those the database no longer holds leave the store and the index. */
  async refreshDatasets(ids: string[], reindex = true): Promise<void> {
    if (!ids.length) return;
    const docs = await readDatasets(ids);
    const found = new Map(docs.map((d) => [d._id.toHexString(), d]));
    for (const id of ids) {
      const doc = found.get(id);
      if (doc) await this.acceptDoc(doc, reindex);
      else {
        this.store.remove(id);
        if (reindex) this.index.put(id, null);
      }
    }
  }

  /** Reads the publication history of a dataset another process has just published. */
  private async refreshVersions(id: string): Promise<void> {
    if (this.versionReads.has(id)) return;
    this.versionReads.add(id);
    try {
      this.store.setVersions(id, await readVersions(id));
    } catch (err) {
      this.log?.warn({ err, datasetId: id }, 'publication history read failed; it is read from the database until the next change');
    } finally {
      this.versionReads.delete(id);
    }
  }
}

/**
 * Whether two versions of a dataset show the same published face (so its catalogue entry stands).
 * The face includes where a harvested dataset comes from: renaming its source changes only `origin`.
 */
function sameFace(a: DatasetDoc | undefined, b: DatasetDoc): boolean {
  return (
    !!a &&
    a.live === b.live &&
    a.slug === b.slug &&
    String(a.providerId) === String(b.providerId) &&
    (a.withdrawnAt?.getTime() ?? null) === (b.withdrawnAt?.getTime() ?? null) &&
    (a.origin === b.origin || JSON.stringify(a.origin ?? null) === JSON.stringify(b.origin ?? null))
  );
}
