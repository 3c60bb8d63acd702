export * from './audit.module';
export { type AuditRecord, AuditService, type VerifyResult } from './audit.service';
export { AuditEntry } from './audit-entry.entity';
export * from './hash-chain';
export { appendAuditEntryCtes } from './repositories/audit-chain.repository';
export * from './repositories/ledger-for-open-data.repository';
export * from './repositories/ledger-for-bids.repository';
