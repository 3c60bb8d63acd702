import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { COUNTED_STATES, CountedState, FailedJob, QueueOverviewService, QueueSummary } from './queue-overview.service';

/** A failed job: never its data (it could name sealed content), only what it was and why it failed. */
export class FailedJobView {
  @ApiProperty({ description: 'The job id (deterministic, e.g. `challenge:<uuid>:close`).' }) id: string;
  @ApiProperty({ description: 'The job name, e.g. `challenge.close`.' }) name: string;
  @ApiProperty({ description: 'The last error message, as the worker recorded it.' }) failedReason: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty({ description: 'Attempts allowed before the job stays failed.' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) processedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt: string | null;

  static of(job: FailedJob): FailedJobView {
    return {
      ...job,
      createdAt: job.createdAt.toISOString(),
      processedAt: job.processedAt?.toISOString() ?? null,
      failedAt: job.failedAt?.toISOString() ?? null,
    };
  }
}

export class QueueCountsView implements Record<CountedState, number> {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
  @ApiProperty() completed: number;
}

export class QueueSummaryView {
  @ApiProperty() name: string;
  @ApiProperty({ type: QueueCountsView }) counts: QueueCountsView;
  @ApiProperty({ type: [FailedJobView], description: 'The latest failed jobs, newest first (10 at most).' })
  failed: FailedJobView[];

  static of(queue: QueueSummary): QueueSummaryView {
    const counts = Object.fromEntries(COUNTED_STATES.map((s) => [s, queue.counts[s]])) as unknown as QueueCountsView;
    return { name: queue.name, counts, failed: queue.failed.map(FailedJobView.of) };
  }
}

export class QueueOverviewView {
  @ApiProperty({ type: [QueueSummaryView] }) queues: QueueSummaryView[];
}

/** A job id as the scheduler makes them (`jobIds` / `bullJobId`): letters, digits and `.:_-`. */
class RetryParams {
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z][a-z0-9_-]*$/, { message: 'must be a queue name' })
  queue: string;

  @IsString()
  @MaxLength(80)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'must be a job id (letters, digits and . : _ -)' })
  jobId: string;
}

@ApiTags('jobs')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('jobs')
export class QueueOverviewController {
  constructor(private readonly overview: QueueOverviewService) {}

  @Get()
  @ApiOperation({ summary: 'Each job queue: counts by state and its latest failed jobs (admin).' })
  @ApiOkResponse({ type: QueueOverviewView })
  async summary(): Promise<QueueOverviewView> {
    return { queues: (await this.overview.summary()).map(QueueSummaryView.of) };
  }

  @Post(':queue/:jobId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry one failed job: back to waiting, its attempts start again; recorded in the ledger (admin).' })
  @ApiParam({ name: 'queue', type: String })
  @ApiParam({ name: 'jobId', type: String })
  @ApiOkResponse({ type: FailedJobView, description: 'The job as it was when it was retried.' })
  async retry(@Param() params: RetryParams, @CurrentUser() me: AuthUser): Promise<FailedJobView> {
    return FailedJobView.of(await this.overview.retry(params.queue, params.jobId, me.id));
  }
}
