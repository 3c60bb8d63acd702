import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { APPLICANT_KINDS, ApplicantKind } from '../organizations/organization.entity';
import { DisplayNameField, EmailField, NewPasswordField } from './user-fields';

export class FirstUserDto {
  @EmailField()
  email: string;

  @NewPasswordField()
  password: string;

  @DisplayNameField()
  displayName: string;
}

export class RegisterOrganizationDto {
  @ApiProperty({ example: '深圳量子精密仪器有限公司', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: APPLICANT_KINDS, description: 'Agencies are registered by an admin (POST /agencies), not here.' })
  @IsIn(APPLICANT_KINDS, { message: `must be one of ${APPLICANT_KINDS.join(', ')}` })
  kind: ApplicantKind;

  @ApiProperty({ example: '91440300MA5FXXXX0X', description: 'Unified social credit code (GB 32100-2015), 18 characters.' })
  @IsString()
  @Length(18, 18, { message: 'must be exactly 18 characters' })
  creditCode: string;

  @ApiProperty({ type: FirstUserDto, description: 'The organisation’s first user, who signs in as a team member.' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FirstUserDto)
  admin: FirstUserDto;
}
