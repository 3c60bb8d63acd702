import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { hashPassword } from './password-hasher';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.adminEmail;
    const [existing] = await this.dataSource.query('SELECT 1 FROM users WHERE email = $1', [email]);
    if (existing) return;
    const hash = await hashPassword(this.config.adminPassword);
    const inserted = await this.dataSource.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, hash, 'Administrator', Role.Admin],
    );
    if (inserted.length) this.logger.log(`Created the first admin user ${email}`);
  }
}
