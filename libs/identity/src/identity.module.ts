import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, jwtSecretKey } from '@app/common/config';
import Redis from 'ioredis';
import { REDIS, RedisThrottlerStorage } from '@app/common/redis';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { Organization } from './organizations/organization.entity';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Organisations, users, roles and sign-in; installs the global AuthGuard every route passes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, User]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtSecretKey(config.jwtSecret),
        signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ name: 'default', limit: config.loginRateLimit, ttl: config.loginRateWindowMs }],
        storage: new RedisThrottlerStorage(redis, config),
      }),
    }),
  ],
  controllers: [OrganizationsController, AuthController, UsersController, StaffController],
  providers: [
    UsersService,
    OrganizationsService,
    StaffService,
    AuthService,
    AdminBootstrap,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, OrganizationsService],
})
export class IdentityModule {}
