import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditChainCheckpoint, AuditChainHead, AuditEntry } from './audit-entry.entity';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { LedgerScopes } from './ledger-scopes';
import { LedgerVerifyService } from './ledger-verify.service';

/** The ledger: import it wherever a decision is made, and call `AuditService.record` in its transaction. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuditChainHead, AuditChainCheckpoint])],
  controllers: [AuditController],
  providers: [AuditService, LedgerScopes, LedgerVerifyService],
  exports: [AuditService, LedgerScopes],
})
export class AuditModule {}
