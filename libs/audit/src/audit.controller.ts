import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Role } from '@app/common/auth';
import { forbidden } from '@app/common/domain-error';
import { UuidParam } from '@app/common/http';
import { AuditService } from './audit.service';
import { AuditEntryView, AuditListQuery, AuditPage, VerifyQuery, VerifyView } from './dto/audit-views';
import { ledgerReaderOf, seesEveryActor } from './ledger-access';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Ledger entries the caller may read (oldest first; a challenge’s entries in chain order).',
    description:
      'Everyone: the public entries. Auditors: every entry, except that who bid stays sealed until the challenge’s bid deadline. ' +
      'A challenge’s own agency: its non-public entries too, after the deadline. Filters: challenge, action or kind, actor, ' +
      'recorded-at range [from, to).',
  })
  @ApiOkResponse({ type: AuditPage })
  async list(@Query() query: AuditListQuery, @CurrentUser() user?: AuthUser): Promise<AuditPage> {
    const { limit, cursor, ...filter } = query;
    const page = await this.audit.list(user, filter, limit ?? 20, cursor);
    const everyActor = seesEveryActor(ledgerReaderOf(user));
    return { items: page.items.map((e) => AuditEntryView.of(e, everyActor)), nextCursor: page.nextCursor };
  }

  /**
   * Public on purpose: a tamper-evident ledger is for people who do not trust the operator, and
   * the answer shows only positions (chain, seq, entry id), never an entry's content. A call
   * hashes only what was appended since each chain's checkpoint, so its cost does not grow with
   * the ledger; the full recompute is for auditors and admins.
   */
  @Get('verify')
  @Public()
  @ApiOperation({
    summary: 'Verify every hash chain from its checkpoint (`full=true`: from its start); names the first broken entry.',
  })
  @ApiOkResponse({ type: VerifyView })
  verify(@Query() query: VerifyQuery, @CurrentUser() user?: AuthUser): Promise<VerifyView> {
    if (query.full && user?.role !== Role.Auditor && user?.role !== Role.Admin) {
      throw forbidden('audit.full_verify_forbidden', 'A full recompute of the ledger is for auditors and admins.');
    }
    return this.audit.verify(query.full ?? false);
  }

  @Get('verify/challenges/:id')
  @Public()
  @ApiOperation({ summary: 'Verify one challenge’s hash chain from its checkpoint.' })
  @ApiOkResponse({ type: VerifyView })
  verifyChallenge(@Param('id', UuidParam('id')) id: string): Promise<VerifyView> {
    return this.audit.verifyChallenge(id);
  }
}
