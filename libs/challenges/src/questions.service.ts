import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { assertAction } from './challenge-lifecycle';
import { ChallengesService } from './challenges.service';
import { AnsweredQuestionView, QuestionView } from './dto/views';
import {
  canSeeChallenge,
  challengeNotFound,
  isChallengeOwner,
  readChallengeLocked,
} from './repositories/challenge-lock.repository';
import {
  QuestionRow,
  QuestionVisibility,
  answerQuestion,
  insertQuestion,
  listQuestions,
  lockQuestion,
} from './repositories/challenge-questions.repository';
import { findChallengeVisibility, msUntilByDbClock } from './repositories/challenges.repository';

/**
 * Questions and answers (ProZorro-style). Who asked is never shown — not to the public, not to the
 * agency (so answers cannot favour anyone); the asker sees `askedByMe`. Answered questions are
 * public; unanswered ones are seen by the owning agency (and admins) and by their asker.
 */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly challenges: ChallengesService,
    private readonly audit: AuditService,
  ) {}

  /** A team asks, while the challenge is published and its deadline (database clock) is ahead. */
  async ask(challengeId: string, text: string, user: AuthUser): Promise<QuestionView> {
    return this.dataSource.transaction(async (em) => {
      // FOR SHARE: a concurrent close or extension waits for this insert, and the other way round.
      const row = await readChallengeLocked(em, challengeId, 'FOR SHARE');
      if (!row || !canSeeChallenge(row, user)) throw challengeNotFound(challengeId);
      assertAction('team', row.status, 'ask');
      // Published (the action allows nothing else), so `open` is: its deadline is still ahead.
      if (!row.open) {
        throw conflict(
          'challenges.deadline_passed',
          `The bid deadline ${row.bid_deadline.toISOString()} has passed; questions are closed.`,
          {
            bidDeadline: row.bid_deadline.toISOString(),
          },
        );
      }
      const q = await insertQuestion(em, {
        challengeId,
        askerId: user.id,
        askerOrganizationId: user.organizationId,
        text: text.trim(),
      });
      // That a question was asked, not by whom: questions are anonymous, in the ledger too (the
      // asker is kept in challenge_questions only). Not public, as an unanswered question is not.
      // The agency's "new question" notice is derived from this entry (libs/milestones/src/notices).
      await this.audit.record(em, {
        challengeId,
        actorId: null,
        action: 'question.asked',
        subjectType: 'question',
        subjectId: q.id,
        after: { question: q.text },
        public: false,
      });
      return toView(q, user);
    });
  }

  /**
   * The owning agency answers, before the deadline. An answer within QA_EXTENSION_WINDOW of the
   * deadline moves the deadline later by that window (audited), so that every team has time to
   * use the clarification. If that would push the deadline past the first stage gate or the
   * project's end, the answer is refused (409): the schedule cannot be kept.
   */
  async answer(challengeId: string, questionId: string, text: string, user: AuthUser): Promise<AnsweredQuestionView> {
    const result = await this.dataSource.transaction(async (em) => {
      const challenge = await this.challenges.lockOwned(em, challengeId, user, 'answer');
      await this.challenges.assertBeforeDeadline(em, challenge);
      const q = await lockQuestion(em, questionId, challengeId);
      if (!q) throw notFound('challenges.question_not_found', `No question ${questionId} on challenge ${challengeId}.`);
      if (q.answer_text !== null)
        throw conflict('challenges.question_already_answered', 'This question has already been answered.');
      const answered = await answerQuestion(em, questionId, text.trim(), user.id);
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'question.answered',
        subjectType: 'question',
        subjectId: questionId,
        after: { question: answered.text, answer: answered.answer_text },
        public: true,
      });

      const window = this.config.qaExtensionWindowMs;
      const msLeft = await msUntilByDbClock(em, challenge.bid_deadline);
      let deadline = challenge.bid_deadline;
      let extended = false;
      if (window > 0 && msLeft <= window) {
        const to = new Date(challenge.bid_deadline.getTime() + window);
        const firstStage = challenge.stages[0] ? new Date(challenge.stages[0].endsAt) : null;
        if (to.getTime() >= challenge.project_ends_at.getTime() || (firstStage && to.getTime() >= firstStage.getTime())) {
          throw conflict(
            'challenges.extension_breaks_schedule',
            `This answer comes within ${window} ms of the deadline and would extend it to ${to.toISOString()}, past the first stage gate or the project's end.`,
            { bidDeadline: challenge.bid_deadline.toISOString(), extendedTo: to.toISOString() },
          );
        }
        const moved = await this.challenges.moveDeadline(em, challenge, to, user.id, 'late answer to a question');
        deadline = moved.bid_deadline;
        extended = true;
      }
      return { answered, deadline, extended };
    });
    if (result.extended) await this.challenges.scheduleClose(challengeId, result.deadline);
    return { ...toView(result.answered, user), bidDeadline: result.deadline.toISOString(), deadlineExtended: result.extended };
  }

  async list(challengeId: string, user: AuthUser | undefined, limit = 50, cursor?: string): Promise<Page<QuestionView>> {
    const challenge = await findChallengeVisibility(this.dataSource.manager, challengeId);
    if (!challenge || !canSeeChallenge(challenge, user)) throw challengeNotFound(challengeId);
    const seesAll = user && (user.role === Role.Admin || isChallengeOwner(challenge, user));
    const visibility: QuestionVisibility = seesAll
      ? { kind: 'all' }
      : user
        ? { kind: 'answered_or_asked_by', askerId: user.id }
        : { kind: 'answered' };
    const after = cursor ? decodeInstantIdCursor(cursor) : undefined;
    const rows = await listQuestions(this.dataSource.manager, {
      challengeId,
      visibility,
      after: after && { key: after[0], id: after[1] },
      limit,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => toView(r, user)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursor_key, last.id]) : null,
    };
  }
}

function toView(q: QuestionRow, user: AuthUser | undefined): QuestionView {
  return {
    id: q.id,
    challengeId: q.challenge_id,
    text: q.text,
    askedAt: q.created_at.toISOString(),
    answer: q.answer_text !== null && q.answered_at ? { text: q.answer_text, answeredAt: q.answered_at.toISOString() } : null,
    askedByMe: !!user && q.asker_id === user.id,
  };
}
