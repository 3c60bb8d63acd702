export * from './documents.module';
export * from './documents-jobs.module';
export { DocumentsService } from './documents.service';
export { registerUploadParser } from './upload-parser';
export {
  DocumentAccessRegistry,
  type DocumentAccess,
  type DocumentAccessResolver,
  type AttachedDocumentRef,
} from './access/document-access.registry';
export {
  attachDocuments,
  readSubjectDocuments,
  readDocumentsOfSubjects,
  type AttachRequest,
  type SubjectDocument,
} from './attach';
export { DocumentView, DocumentDetailView } from './dto/views';
export { ACCEPTED_MEDIA_TYPES, MEDIA_TYPES, type DocumentMediaType } from './inspect/media-type';
export { KeyRing } from './sealing/key-ring';
export { rewrapDocumentKeys, type RewrapReport } from './sealing/rewrap-keys';
