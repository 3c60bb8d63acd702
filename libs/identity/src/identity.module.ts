import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { APP_CONFIG, AppConfig, jwtSecretKey } from '@app/common/config';
import { RedisThrottlerStorage } from '@app/common/redis';
import { AgenciesController } from './agencies/agencies.controller';
import { AgenciesService } from './agencies/agencies.service';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginAttempts } from './auth/login-attempts.store';
import { PasswordHasher } from './auth/password-hasher';
import { UserStateCache } from './auth/user-state-cache';
import { Organization } from './organizations/organization.entity';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { RegistrationRateLimit } from './organizations/registration-rate-limit.guard';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Organisations, users, roles and sign-in; installs the global AuthGuard every route passes. */
@Module({
  imports: [
    // Registers the entities (schema and migrations); the data access is in ./repositories.
    TypeOrmModule.forFeature([Organization, User]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtSecretKey(config.jwtSecret),
        signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    AuditModule,
  ],
  controllers: [OrganizationsController, AgenciesController, AuthController, UsersController, StaffController],
  providers: [
    UsersService,
    OrganizationsService,
    AgenciesService,
    StaffService,
    AuthService,
    PasswordHasher,
    LoginAttempts,
    RedisThrottlerStorage,
    RegistrationRateLimit,
    AdminBootstrap,
    UserStateCache,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, OrganizationsService, AgenciesService],
})
export class IdentityModule {}
