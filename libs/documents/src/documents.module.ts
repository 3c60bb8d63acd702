import { Module } from '@nestjs/common';
import { DocumentAccessRegistry } from './access/document-access.registry';
import { documentsProviders } from './documents-providers';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { KeyRing } from './sealing/key-ring';

/**
 * For apps/api: the upload and download routes, and the access registry that the libraries which
 * attach documents fill in (they import this module and call `registry.register(...)` in their
 * `onModuleInit`). The multipart parser is registered by the api's bootstrap (`registerUploadParser`).
 */
@Module({
  controllers: [DocumentsController],
  providers: [...documentsProviders, DocumentsService, DocumentAccessRegistry],
  // The key ring also seals bid drafts (libs/bids/src/drafts).
  exports: [DocumentAccessRegistry, DocumentsService, KeyRing],
})
export class DocumentsModule {}
