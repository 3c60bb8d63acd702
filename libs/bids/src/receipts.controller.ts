import { Controller, Get, Param, PipeTransform } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { readReplacedReceipt } from '@app/audit';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@app/common/auth';
import { invalid, notFound } from '@app/common/domain-error';
import { readBidByReceipt } from './repositories/receipts.repository';

export class ReceiptCheckView {
  @ApiProperty({ description: 'The receipt hash checked (lower-case hex).' }) hash: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The server time the receipt was issued (the submission of this version).' }) serverTime: string;
  @ApiProperty({
    enum: ['live', 'withdrawn', 'replaced'],
    description:
      '`live`: the receipt of the bid’s current version, still in the running; `withdrawn`: of a bid since withdrawn; ' +
      '`replaced`: a valid receipt of an earlier revision, superseded by a later one at `replacedAt`.',
  })
  state: 'live' | 'withdrawn' | 'replaced';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When a later revision superseded this one (its server time); null unless `replaced`.',
  })
  replacedAt: string | null;
}

/** A SHA-256 in hex, either case: the receipt's form; anything else is a 400 naming `hash`. */
const ReceiptHash: PipeTransform<string, string> = {
  transform(value: string) {
    if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value))
      throw invalid('bids.invalid_receipt_hash', 'hash must be 64 hexadecimal characters (a SHA-256)', [
        { field: 'hash', message: 'must be 64 hexadecimal characters (a SHA-256)' },
      ]);
    return value.toLowerCase();
  },
};

/**
 * Checks a bid receipt, for anyone who holds one (the team, or whoever it shows the receipt to).
 * Public on purpose, and safe: only the holder of the hash can ask, and the answer tells no more
 * than the receipt already does (the challenge, the time) — never the organisation or a word of the
 * sealed bid.
 */
@ApiTags('bids')
@Controller('bid-receipts')
export class ReceiptsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get(':hash')
  @ApiOperation({
    summary: 'Check a bid receipt hash: is it the receipt of a bid’s current version, and when was it issued?',
    description:
      'Answers the challenge, the server time and whether the bid is still live. The receipt of a replaced revision answers ' +
      '`replaced` with when it was superseded (from the ledger, which keeps each revision’s hash), never the new receipt ' +
      'or a word of either version. 404 when no revision of any bid carried the hash.',
  })
  @ApiOkResponse({ type: ReceiptCheckView })
  async check(@Param('hash', ReceiptHash) hash: string): Promise<ReceiptCheckView> {
    const em = this.dataSource.manager;
    const row = await readBidByReceipt(em, hash);
    if (row) {
      return {
        hash,
        challengeId: row.challenge_id,
        serverTime: row.submitted_at.toISOString(),
        state: row.status === 'withdrawn' ? 'withdrawn' : 'live',
        replacedAt: null,
      };
    }
    const replaced = await readReplacedReceipt(em, hash);
    if (!replaced?.challengeId || !replaced.issuedAt)
      throw notFound('bids.receipt_not_found', 'No revision of any bid carried this receipt hash.');
    return {
      hash,
      challengeId: replaced.challengeId,
      serverTime: replaced.issuedAt,
      state: 'replaced',
      replacedAt: replaced.replacedAt,
    };
  }
}
