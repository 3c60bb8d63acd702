import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, jwtSecretKey } from '@app/common/config';
import { AuditModule } from '@app/audit';
import { ProblemDetailsFilter, loggableError, sendProblem } from '@app/common/problem';
import { IdentityModule, unauthenticated } from '@app/identity';
import { JobScheduler } from '../job-scheduler';
import { QUEUE_DASHBOARD_PATH, clearedSessionCookie, entryRedirect, sessionCookie } from './queue-dashboard-cookie';
import { DashboardAccess, QueueDashboardAuth } from './queue-dashboard.auth';
import { QueueOverviewController } from './queue-overview.controller';
import { QueueOverviewService } from './queue-overview.service';

export { QUEUE_DASHBOARD_PATH } from './queue-dashboard-cookie';

const SESSION_PATH = `${QUEUE_DASHBOARD_PATH}/session`;
type DashboardRequest = FastifyRequest & { dashboardAccess?: DashboardAccess };

/**
 * Bull Board at `/admin/queues`, for active admins only (see QueueDashboardAuth).
 *
 * From a script: send `Authorization: Bearer <admin token>`. From a browser: once,
 * `POST /admin/queues/session` with the bearer header sets a cookie holding a dashboard-only
 * session (15 minutes at most); `DELETE /admin/queues/session` ends it. The user is re-read on
 * every request, so a deactivated or demoted admin loses access at once.
 *
 * A browser that navigates to a dashboard page without a live session (a reload after the session
 * ended, a new tab, a bookmark) is sent (303) to the web app's entry page, which opens a session
 * with the tab's sign-in (or asks to sign in first) and comes back; the board's api and scripts
 * keep their problem+json 401, and so does a refused admin (403).
 *
 * Bull Board is a third-party page: it is shown in Chinese (its own zh-CN locale; its settings
 * switch the language), but its markup (e.g. icon buttons without names) is not ours to fix. The
 * admin's accessible overview is the web app's /admin/jobs (QueueOverviewController).
 */
@Injectable()
class QueueDashboard implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueDashboard');
  private readonly problems = new ProblemDetailsFilter();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly scheduler: JobScheduler,
    private readonly auth: QueueDashboardAuth,
  ) {}

  /**
   * Queued, not awaited, and only after Nest has installed its routes and error handler: awaiting
   * a fastify plugin here would make fastify build Nest's routes before Nest's error handler exists.
   */
  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.register !== 'function') return; // not an HTTP app
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.scheduler.allQueues().map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: {
        uiConfig: {
          boardTitle: 'jiebang jobs',
          locale: { lng: 'zh-CN' },
          miscLinks: [{ text: '任务概览 · Job overview', url: '/admin/jobs' }],
        },
      },
    });
    // Bull Board answers its own errors as 500 with the error's message (Redis's words included);
    // handing them on makes them ours: problem+json, 503 with Retry-After when Redis is away.
    board.setErrorHandler((err) => {
      throw err;
    });
    void fastify.register(async (scope) => {
      scope.setErrorHandler((err, request, reply) => this.answerProblem(request, reply, err));
      scope.addHook('onRequest', (request: DashboardRequest) => this.guard(request));
      scope.post(SESSION_PATH, (request: DashboardRequest, reply) => this.openSession(request, reply));
      scope.delete(SESSION_PATH, async (request, reply) => {
        await this.auth.closeSession(request.headers.cookie);
        return reply
          .status(204)
          .header('set-cookie', clearedSessionCookie(request.protocol === 'https'))
          .send();
      });
      await scope.register(board.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
    });
  }

  /**
   * Lets an admin in; what it throws, the scope's error handler answers. Ending a session needs
   * nothing but the cookie.
   */
  private async guard(request: DashboardRequest): Promise<void> {
    const path = request.url.split('?')[0];
    if (path === SESSION_PATH && request.method === 'DELETE') return;
    const authorization = request.headers.authorization;
    // Opening a session takes the bearer header only: a session cannot extend itself.
    if (path === SESSION_PATH && !authorization)
      throw unauthenticated('Open a session with "Authorization: Bearer <admin token>".');
    request.dashboardAccess = authorization
      ? await this.auth.fromBearer(authorization)
      : await this.auth.fromSession(request.headers.cookie);
  }

  private async openSession(request: DashboardRequest, reply: FastifyReply): Promise<FastifyReply> {
    const session = await this.auth.openSession(request.dashboardAccess!);
    if (!session) throw unauthenticated('The token expires too soon to open a session; sign in again.');
    const cookie = sessionCookie(session.id, session.maxAgeSeconds, request.protocol === 'https');
    return reply.status(204).header('set-cookie', cookie).send();
  }

  /**
   * The same problem+json the api answers (503 with Retry-After when Redis or Postgres is away);
   * but a browser asking for a dashboard page without a session goes to the web app's entry page.
   */
  private answerProblem(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
    const problem = { ...this.problems.toProblem(err), instance: request.url.split('?')[0], requestId: String(request.id) };
    const entry = problem.status === 401 ? entryRedirect(request.method, request.url, request.headers) : null;
    if (entry) return reply.status(303).header('location', entry).header('cache-control', 'no-store').send();
    if (problem.status >= 500) this.logger.warn({ err: loggableError(err), requestId: problem.requestId }, 'queue dashboard');
    return sendProblem(reply, problem);
  }
}

/** Register in apps/api only. Needs JobsModule and RedisModule (both global) and IdentityModule's UsersService. */
@Module({
  imports: [
    IdentityModule,
    AuditModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: jwtSecretKey(config.jwtSecret), verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [QueueOverviewController],
  providers: [QueueDashboardAuth, QueueDashboard, QueueOverviewService],
})
export class QueueDashboardModule {}
