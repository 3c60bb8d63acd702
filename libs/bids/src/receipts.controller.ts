import { Controller, Get, Param, PipeTransform } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@app/common/auth';
import { invalid, notFound } from '@app/common/domain-error';
import { readBidByReceipt } from './repositories/receipts.repository';

export class ReceiptCheckView {
  @ApiProperty({ description: 'The receipt hash checked (lower-case hex).' }) hash: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The server time the receipt was issued (the submission of this version).' }) serverTime: string;
  @ApiProperty({ enum: ['live', 'withdrawn'], description: 'Whether the bid carrying this receipt is still in the running.' })
  state: 'live' | 'withdrawn';
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
      'Answers the challenge, the server time and whether the bid is still live. 404 when no bid’s current version carries ' +
      'the hash (a replaced version’s receipt is superseded by the new one; the ledger keeps each).',
  })
  @ApiOkResponse({ type: ReceiptCheckView })
  async check(@Param('hash', ReceiptHash) hash: string): Promise<ReceiptCheckView> {
    const row = await readBidByReceipt(this.dataSource.manager, hash);
    if (!row) throw notFound('bids.receipt_not_found', 'No bid’s current version carries this receipt hash.');
    return {
      hash,
      challengeId: row.challenge_id,
      serverTime: row.submitted_at.toISOString(),
      state: row.status === 'withdrawn' ? 'withdrawn' : 'live',
    };
  }
}
