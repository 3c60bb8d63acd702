import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditChainHead, AuditEntry } from './audit-entry.entity';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The ledger: import it wherever a decision is made, and call `AuditService.record` in its transaction. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuditChainHead])],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
