import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Role } from '@app/common/auth';
import { DisplayNameField, EmailField, NewPasswordField } from './user-fields';

/** Roles an admin creates directly; teams register their organisation themselves. */
export const STAFF_ROLES = [Role.Agency, Role.ProgramManager, Role.Reviewer, Role.Admin, Role.Team, Role.Auditor] as const;

export class CreateUserDto {
  @EmailField()
  email: string;

  @NewPasswordField()
  password: string;

  @DisplayNameField()
  displayName: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for team users; used for reviewers’ conflict checks.' })
  @IsOptional()
  @IsUUID('4', { message: 'must be a UUID' })
  organizationId?: string;
}
