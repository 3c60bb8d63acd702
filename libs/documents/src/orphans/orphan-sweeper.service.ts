import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { DOCUMENTS_SETTINGS, DocumentsSettings } from '../documents-providers';
import { claimStaleUploadIntents, deleteExpiredOrphans, nextOrphanExpiry } from '../repositories/documents.repository';
import { DiskDocumentStore } from '../storage/disk-store';
import { DOCUMENT_STORE, DocumentStore } from '../storage/document-store';

const BATCH = 200;

/**
 * Deletes uploads nobody attached within DOCUMENT_ORPHAN_TTL: the row first (committed), then the
 * stored object. An object whose delete fails is only sealed bytes whose key went with the row:
 * unreadable by anyone, it is logged for the operator. Also deletes the objects of uploads that
 * never finished (a process died mid-upload: an intent older than the TTL, no row). Judged by the
 * database's clock.
 */
@Injectable()
export class OrphanSweeper {
  private readonly logger = new Logger('DocumentOrphans');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly scheduler: JobScheduler,
  ) {}

  /** Deletes every expired orphan, in batches; answers how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const doomed = await this.dataSource.transaction((em) => deleteExpiredOrphans(em, this.settings.orphanTtlMs, BATCH));
      for (const d of doomed) {
        await this.store
          .delete(d.storage_key)
          .catch((err: unknown) =>
            this.logger.error({ err, documentId: d.id, storageKey: d.storage_key }, 'orphan row deleted, its stored object not'),
          );
      }
      total += doomed.length;
      if (doomed.length < BATCH) break;
    }
    const unfinished = await this.sweepUnfinished();
    if (this.store instanceof DiskDocumentStore) await this.store.sweepTemporary(this.settings.orphanTtlMs);
    if (total || unfinished) this.logger.log({ deleted: total, unfinished }, 'orphan documents deleted');
    return total + unfinished;
  }

  /**
   * Objects of uploads that never recorded their document. The objects are deleted while their
   * intents are claimed: if a delete fails, the claim rolls back and the next sweep tries again.
   */
  private async sweepUnfinished(): Promise<number> {
    let total = 0;
    for (;;) {
      const stale = await this.dataSource.transaction(async (em) => {
        const claimed = await claimStaleUploadIntents(em, this.settings.orphanTtlMs, BATCH);
        for (const { storage_key } of claimed) await this.store.delete(storage_key);
        return claimed;
      });
      total += stale.length;
      if (stale.length < BATCH) return total;
    }
  }

  /** Schedules the next sweep when the oldest unattached upload expires (at least 1 ms ahead, so never the running sweep's id). */
  async scheduleNext(): Promise<Date | null> {
    const { next } = await nextOrphanExpiry(this.dataSource.manager, this.settings.orphanTtlMs);
    if (!next) return null;
    const ms = Math.max(Date.now() + 1, new Date(next).getTime());
    await this.scheduler.schedule(
      JobName.DocumentsOrphanSweep,
      {},
      { jobId: jobIds.documentsOrphanSweep(ms), runAt: new Date(ms) },
    );
    return next;
  }
}
