import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Real time by default; e2e tests override `Clock` with a ManualClock. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
