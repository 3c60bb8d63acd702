import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { passwordReasons } from '../passwords/password-rules';
import { zxcvbnEstimator } from '../passwords/password-policy';
import { insertAdminIfAbsent, userEmailExists } from '../repositories/users.repository';
import { PasswordHasher } from './password-hasher';

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no user has that email yet.
 * Idempotent even when several replicas start at once (INSERT … ON CONFLICT DO NOTHING); an
 * existing admin's password is never overwritten.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.adminEmail;
    if (await userEmailExists(this.dataSource.manager, email)) return;
    this.warnIfWeak(email);
    // Hashed before the insert, on no connection: the query below holds one for a moment only.
    const hash = await this.hasher.hash(this.config.adminPassword);
    const inserted = await insertAdminIfAbsent(this.dataSource.manager, email, hash);
    if (inserted) this.logger.log(`Created the first admin user ${email}`);
  }

  /**
   * Only a warning: the documented defaults (`admin@jiebang.local` / `admin-password-change-me`,
   * also docker-compose's) contain the email's local part, and refusing them would stop every
   * first start. The admin is expected to change it; users created later are held to the rule.
   */
  private warnIfWeak(email: string): void {
    const reasons = passwordReasons(this.config.adminPassword, { email, displayName: 'Administrator' }, zxcvbnEstimator);
    if (reasons.length) this.logger.warn(`ADMIN_PASSWORD is weak (${reasons.join(', ')}): change it after the first sign-in`);
  }
}
