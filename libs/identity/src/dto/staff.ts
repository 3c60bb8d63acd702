import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { STAFF_DIRECTORY_ROLES, type StaffDirectoryRole } from '../staff/staff-rules';

export class StaffQuery {
  @ApiPropertyOptional({ enum: STAFF_DIRECTORY_ROLES, description: 'Both roles when omitted.' })
  @IsOptional()
  @IsIn(STAFF_DIRECTORY_ROLES, { message: `must be one of ${STAFF_DIRECTORY_ROLES.join(', ')}` })
  role?: StaffDirectoryRole;

  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the display name (case-insensitive, taken literally).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** A staff member as a picker shows them: never an email or anything else. */
export class StaffMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_DIRECTORY_ROLES }) role: StaffDirectoryRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
}

export class StaffListView {
  @ApiProperty({ type: [StaffMemberView], description: 'Active users of the role(s), by display name; at most 200.' })
  items: StaffMemberView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}
