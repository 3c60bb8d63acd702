import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@app/common/auth';
import { ORGANIZATION_KINDS, Organization, OrganizationKind } from '../organizations/organization.entity';
import type { ListedOrganizationRecord } from '../repositories/organizations.repository';
import type { ListedUserRecord, UserRecord } from '../repositories/users.repository';

/** What the API shows of a user: never the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;

  static of(user: UserRecord): UserView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      organizationId: user.organizationId,
      active: user.active,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS, description: '`agency`: a publishing agency (registered by an admin).' })
  kind: OrganizationKind;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Unified social credit code; null only for an agency not yet verified (moved over from a user account).',
  })
  creditCode: string | null;
  @ApiProperty() createdAt: string;

  static of(org: Organization): OrganizationView {
    return { id: org.id, name: org.name, kind: org.kind, creditCode: org.creditCode, createdAt: org.createdAt.toISOString() };
  }
}

export class RegisteredOrganizationView extends OrganizationView {
  @ApiProperty({ type: UserView }) admin: UserView;
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires.' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}

/** A user in the admin's list: their organisation's name too, so the list needs no second request. */
export class ListedUserView extends UserView {
  @ApiProperty({ type: String, nullable: true }) organizationName: string | null;

  static override of(user: ListedUserRecord): ListedUserView {
    return { ...UserView.of(user), organizationName: user.organizationName };
  }
}

export class UserPage {
  @ApiProperty({ type: [ListedUserView] }) items: ListedUserView[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

/** An organisation in the admin's list: with its number of user accounts (active or deactivated). */
export class ListedOrganizationView extends OrganizationView {
  @ApiProperty({ description: 'User accounts of the organisation, active or deactivated.' }) userCount: number;

  static override of(org: ListedOrganizationRecord): ListedOrganizationView {
    return { ...OrganizationView.of(org), userCount: org.userCount };
  }
}

export class OrganizationPage {
  @ApiProperty({ type: [ListedOrganizationView] }) items: ListedOrganizationView[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
