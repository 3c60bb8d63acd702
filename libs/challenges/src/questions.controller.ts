import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { ListQuestionsQuery } from './dto/list-challenges.query';
import { QuestionTextDto } from './dto/question.dto';
import { AnsweredQuestionView, QuestionPage, QuestionView } from './dto/views';
import { QuestionsService } from './questions.service';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges/:id/questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Roles(Role.Team)
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask a question (team), before the deadline.' })
  @ApiCreatedResponse({ type: QuestionView })
  ask(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: QuestionTextDto,
    @CurrentUser() user: AuthUser,
  ): Promise<QuestionView> {
    return this.questions.ask(id, dto.text, user);
  }

  @Roles(Role.Agency)
  @Post(':qid/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a question (the challenge’s agency); a late answer extends the deadline by QA_EXTENSION_WINDOW.',
  })
  @ApiOkResponse({ type: AnsweredQuestionView })
  answer(
    @Param('id', UuidParam('id')) id: string,
    @Param('qid', UuidParam('qid')) qid: string,
    @Body() dto: QuestionTextDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AnsweredQuestionView> {
    return this.questions.answer(id, qid, dto.text, user);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Questions of a challenge: answered ones for everyone (never who asked); the agency sees all, an asker also their own unanswered ones.',
  })
  @ApiOkResponse({ type: QuestionPage })
  list(
    @Param('id', UuidParam('id')) id: string,
    @Query() query: ListQuestionsQuery,
    @CurrentUser() user?: AuthUser,
  ): Promise<QuestionPage> {
    return this.questions.list(id, user, query.limit ?? 50, query.cursor);
  }
}
