import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { EvaluationsModule } from '@app/evaluations';
import { registerOpenDataCors } from './cors';
import { OpenDataController } from './open-data.controller';
import { OPEN_DATA_CONFIG, openDataConfigProvider } from './open-data.config';
import { ReleasesService } from './releases.service';
import { StatsService } from './stats.service';

/** Opens the public feed's routes (only those) to other origins: see cors.ts. */
@Injectable()
class OpenDataCors implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    registerOpenDataCors(this.adapterHost.httpAdapter?.getInstance<FastifyInstance>());
  }
}

/**
 * Public open data (OCDS 1.1). Reads only: the event log is written by a database trigger on the
 * ledger (see the OpenData migration), so no feature library depends on this one. Its settings are
 * read and checked at start-up (a bad OCID_PREFIX stops the process, naming the variable).
 */
@Module({
  imports: [EvaluationsModule],
  controllers: [OpenDataController],
  providers: [openDataConfigProvider, ReleasesService, StatsService, OpenDataCors],
  exports: [ReleasesService, StatsService, OPEN_DATA_CONFIG],
})
export class OpenDataModule {}
