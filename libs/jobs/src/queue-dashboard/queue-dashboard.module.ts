import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, jwtSecretKey } from '@app/common/config';
import { PROBLEM_CONTENT_TYPE } from '@app/common/problem';
import { IdentityModule } from '@app/identity';
import { JobScheduler } from '../job-scheduler';
import { DASHBOARD_COOKIE, QueueDashboardAuth } from './queue-dashboard.auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board at `/admin/queues`, for active admins only (see QueueDashboardAuth).
 *
 * From a script: send `Authorization: Bearer <admin token>`. From a browser: once,
 * `POST /admin/queues/session` with the bearer header sets an HttpOnly cookie scoped to
 * `/admin/queues` for the token's lifetime; `DELETE /admin/queues/session` clears it. The user is
 * re-read on every request, so a deactivated or demoted admin loses access at once.
 */
@Injectable()
class QueueDashboard implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly scheduler: JobScheduler,
    private readonly auth: QueueDashboardAuth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
      options: { uiConfig: { boardTitle: 'jiebang jobs' } },
    });
    const secure = this.config.nodeEnv === 'production';
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const isSession = request.url.split('?')[0] === `${QUEUE_DASHBOARD_PATH}/session`;
        // The session endpoint itself takes the bearer header only: a cookie cannot mint a cookie.
        const access = await this.auth.check(request.headers.authorization, request.headers.cookie, !isSession);
        if (!access.ok) {
          const problem = { ...access.problem, instance: request.url.split('?')[0], requestId: String(request.id) };
          return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
        }
        (request as FastifyRequest & { dashboardAccess?: typeof access }).dashboardAccess = access;
      });
      scope.post(`${QUEUE_DASHBOARD_PATH}/session`, async (request, reply) => {
        const access = (request as FastifyRequest & { dashboardAccess?: { token: string; expiresAt: number } }).dashboardAccess!;
        const maxAge = Math.max(0, Math.floor((access.expiresAt - Date.now()) / 1000));
        const cookie = `${DASHBOARD_COOKIE}=${encodeURIComponent(access.token)}; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
        return reply.status(204).header('set-cookie', cookie).send();
      });
      scope.delete(`${QUEUE_DASHBOARD_PATH}/session`, async (_request, reply) => {
        const cookie = `${DASHBOARD_COOKIE}=; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
        return reply.status(204).header('set-cookie', cookie).send();
      });
      await scope.register(board.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
    });
  }
}

/** Register in apps/api only. Needs JobsModule (global) and IdentityModule's UsersService. */
@Module({
  imports: [
    IdentityModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: jwtSecretKey(config.jwtSecret), verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  providers: [QueueDashboardAuth, QueueDashboard],
})
export class QueueDashboardModule {}
