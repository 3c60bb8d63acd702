import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common/config';
import { databaseOptions } from '@app/database';
import { KeyRing, rewrapDocumentKeys } from '@app/documents';

/**
 * `npm run documents:rewrap` — after a KEK rotation (a new DOCUMENTS_KEK, the previous one moved to
 * DOCUMENTS_OLD_KEKS), re-wraps every document's data key under the new key. Prints counts and
 * the ids of documents it could not open; never a key. Exit code 1 when some could not be opened.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dataSource = new DataSource(databaseOptions(config.databaseUrl, { logging: ['error'] }, 2));
  await dataSource.initialize();
  try {
    const ring = new KeyRing(config.documents.currentKekId, config.documents.keks);
    const report = await rewrapDocumentKeys(dataSource, ring);
    console.log(`documents:rewrap: ${report.rewrapped} data key(s) re-wrapped under "${ring.currentKeyId}"`);
    if (report.unavailable.length) {
      console.error(`documents:rewrap: ${report.unavailable.length} could not be opened with any configured key:`);
      for (const id of report.unavailable) console.error(`  ${id}`);
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error('documents:rewrap failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
