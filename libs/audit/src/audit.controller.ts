import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common/auth';
import { AuditService } from './audit.service';
import { AuditEntryView, AuditListQuery, AuditPage, VerifyView } from './dto/audit-views';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Public ledger entries (oldest first; a challenge’s entries in chain order).' })
  @ApiOkResponse({ type: AuditPage })
  async list(@Query() query: AuditListQuery): Promise<AuditPage> {
    const page = await this.audit.listPublic(query.limit ?? 20, query.cursor, query.challengeId);
    return { items: page.items.map(AuditEntryView.of), nextCursor: page.nextCursor };
  }

  /**
   * Public on purpose: a tamper-evident ledger is for people who do not trust the operator, and
   * the answer shows only positions (chain, seq, entry id), never an entry's content. Concurrent
   * calls share one pass, so it cannot be used to multiply the load.
   */
  @Get('verify')
  @Public()
  @ApiOperation({ summary: 'Recompute every hash chain; names the first broken entry.' })
  @ApiOkResponse({ type: VerifyView })
  verify(): Promise<VerifyView> {
    return this.audit.verify();
  }
}
