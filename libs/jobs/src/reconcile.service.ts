import { Injectable, Logger, OnModuleInit, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { RECONCILER, ReconcilerInstance } from './job-handler.decorator';

/** Calls every `@Reconciler()` of the worker; each one's failure is logged and the rest still run. */
@Injectable()
export class ReconcileService implements OnModuleInit {
  private readonly logger = new Logger('Reconcile');
  private reconcilers: { name: string; instance: ReconcilerInstance }[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.reconcilers = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get<boolean>(RECONCILER, w.metatype as Type))
      .map((w) => ({ name: (w.metatype as { name: string }).name, instance: w.instance as ReconcilerInstance }));
  }

  get names(): string[] {
    return this.reconcilers.map((r) => r.name);
  }

  /** Returns how many jobs were (re-)scheduled; throws after all ran if any failed (the job retries). */
  async runAll(): Promise<number> {
    let total = 0;
    const failures: string[] = [];
    for (const { name, instance } of this.reconcilers) {
      try {
        const count = await instance.reconcile();
        total += count;
        if (count) this.logger.log(`${name} re-scheduled ${count} job(s)`);
      } catch (err) {
        failures.push(name);
        this.logger.error({ err }, `${name} failed`);
      }
    }
    if (failures.length) throw new Error(`reconcilers failed: ${failures.join(', ')}`);
    return total;
  }
}
