import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DocumentsSettings } from '@app/common/config';
import { KeyRing } from './sealing/key-ring';
import { DiskDocumentStore } from './storage/disk-store';
import { DOCUMENT_STORE, DocumentStore } from './storage/document-store';
import { S3DocumentStore } from './storage/s3-store';

export type { DocumentsSettings } from '@app/common/config';

/** This library's settings (see libs/documents/README.md), read and checked with the rest in AppConfig. */
export const DOCUMENTS_SETTINGS = Symbol('DOCUMENTS_SETTINGS');

export function createDocumentStore(settings: DocumentsSettings): DocumentStore {
  return settings.s3 ? new S3DocumentStore(settings.s3) : new DiskDocumentStore(settings.dir);
}

/** Settings, key ring and store: what the api's and the worker's documents modules share. */
export const documentsProviders: Provider[] = [
  { provide: DOCUMENTS_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.documents },
  {
    provide: KeyRing,
    inject: [DOCUMENTS_SETTINGS],
    useFactory: (settings: DocumentsSettings) => new KeyRing(settings.currentKekId, settings.keks),
  },
  { provide: DOCUMENT_STORE, inject: [DOCUMENTS_SETTINGS], useFactory: createDocumentStore },
];
