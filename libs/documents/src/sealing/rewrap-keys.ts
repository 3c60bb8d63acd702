import { DataSource } from 'typeorm';
import { readKeysWrappedUnderOthers, replaceWrappedKey } from '../repositories/documents.repository';
import { KeyRing, KeyUnavailable } from './key-ring';

export interface RewrapReport {
  rewrapped: number;
  /** Documents whose key could not be unwrapped with any configured key: their ids, never key material. */
  unavailable: string[];
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Key rotation, second half: re-wraps every document's data key that is wrapped under a retired
 * key-encryption key, under the current one. The files are not touched (their data keys do not
 * change). Safe to run while the api serves and to run again: each row is replaced only if it is
 * still as read, and a run that stops half-way leaves every row readable (old or new wrapping).
 * When it reports nothing unavailable, the retired key can be removed from DOCUMENTS_OLD_KEKS.
 */
export async function rewrapDocumentKeys(dataSource: DataSource, ring: KeyRing, batch = 500): Promise<RewrapReport> {
  const report: RewrapReport = { rewrapped: 0, unavailable: [] };
  let after = FIRST_ID;
  for (;;) {
    const rows = await readKeysWrappedUnderOthers(dataSource.manager, ring.currentKeyId, after, batch);
    for (const row of rows) {
      try {
        const next = ring.rewrap(row.key_id, row.wrapped_key, row.id);
        if (await replaceWrappedKey(dataSource.manager, row, next.keyId, next.wrapped)) report.rewrapped += 1;
      } catch (err) {
        if (!(err instanceof KeyUnavailable)) throw err;
        report.unavailable.push(row.id);
      }
    }
    if (rows.length < batch) return report;
    after = rows[rows.length - 1].id;
  }
}
