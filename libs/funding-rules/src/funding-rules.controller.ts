import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common/auth';
import { FundingPolicy } from './funding-policy.service';
import { ListFundingRulesQuery } from './dto/list-query.dto';
import { parseIsoDate, QuoteRequestDto } from './dto/quote-request.dto';
import { FundingRuleList, FundingRuleView, QuoteView } from './dto/views';

/** The funding rules of the policy text, public: anyone may read them and ask what a rule allows. */
@ApiTags('funding-rules')
@Controller('funding-rules')
export class FundingRulesController {
  constructor(private readonly policy: FundingPolicy) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'List the funding rules of the policy text, optionally by clause and by what they fund (public).' })
  @ApiOkResponse({ type: FundingRuleList })
  @ApiBadRequestResponse({ description: 'Unknown query parameter or `funds` value (problem+json).' })
  list(@Query() query: ListFundingRulesQuery): FundingRuleList {
    const window = this.policy.window();
    const rules = this.policy.rules({ clause: query.clause, funds: query.funds });
    return { items: rules.map((rule) => FundingRuleView.of(rule, this.policy.rateBpOf(rule), window)) };
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One funding rule by its stable id, e.g. art4.core_tech (public).' })
  @ApiOkResponse({ type: FundingRuleView })
  @ApiNotFoundResponse({ description: 'No rule has this id (problem+json, code policy.unknown_rule).' })
  get(@Param('id') id: string): FundingRuleView {
    const rule = this.policy.rule(id);
    return FundingRuleView.of(rule, this.policy.rateBpOf(rule), this.policy.window());
  }

  @Public()
  @Post(':id/quote')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What the rule allows one project now, which limit binds and why; with requestedFen, every limit it breaks (public).',
    description:
      'Amounts are JSON integers of fen (1 CNY = 100 fen), 0 to 2^53 − 1. A float, a negative, a string or an integer beyond ' +
      'Number.MAX_SAFE_INTEGER is a 400 naming the field and the reason. A broken limit is not an error here: it is listed ' +
      'in `violations` (the endpoint answers the question, it does not decide). A clause that funds without the measures ' +
      'setting an amount answers `amountSet: false`, no `allowedFen`, and where the amount is decided (`decidedBy`, and ' +
      'the explanation). Dates are judged as Beijing calendar days (Asia/Shanghai).',
  })
  @ApiOkResponse({ type: QuoteView })
  @ApiBadRequestResponse({ description: 'Invalid amount, date or unknown field (problem+json with `errors`).' })
  @ApiNotFoundResponse({ description: 'No rule has this id (problem+json, code policy.unknown_rule).' })
  quote(@Param('id') id: string, @Body() dto: QuoteRequestDto): QuoteView {
    const rule = this.policy.rule(id);
    // The DTO has validated the date already; parse it the same way.
    const date = dto.date === undefined || dto.date === null ? undefined : (parseIsoDate(dto.date) as Date);
    const input = {
      baseFen: dto.baseFen,
      alreadyGrantedFen: dto.alreadyGrantedFen,
      maxAwardFen: dto.maxAwardFen,
      remainingBudgetFen: dto.remainingBudgetFen,
      date: date ?? this.policy.now(),
    };
    if (dto.requestedFen === undefined || dto.requestedFen === null) {
      return QuoteView.of(this.policy.quote(rule, input), rule, input.date, null);
    }
    const check = this.policy.checkRequest(rule, { ...input, requestedFen: dto.requestedFen });
    return QuoteView.of(check.quote, rule, input.date, check);
  }
}
