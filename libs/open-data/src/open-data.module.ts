import { Module } from '@nestjs/common';
import { OpenDataController } from './open-data.controller';
import { OPEN_DATA_CONFIG, loadOpenDataConfig } from './open-data.config';
import { ReleasesService } from './releases.service';
import { StatsService } from './stats.service';

/**
 * Public open data (OCDS 1.1). Reads only: the event log is written by a database trigger on the
 * ledger (see the OpenData migration), so no feature library depends on this one.
 */
@Module({
  controllers: [OpenDataController],
  providers: [{ provide: OPEN_DATA_CONFIG, useFactory: () => loadOpenDataConfig(process.env) }, ReleasesService, StatsService],
  exports: [ReleasesService, StatsService, OPEN_DATA_CONFIG],
})
export class OpenDataModule {}
