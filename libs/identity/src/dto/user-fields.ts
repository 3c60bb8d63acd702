import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Field decorators shared by every DTO that carries login credentials or a name. */
export const EmailField = () =>
  applyDecorators(
    ApiProperty({ example: 'li.wei@example.cn', maxLength: 254 }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail({}, { message: 'must be an email address' }),
    MaxLength(254),
  );

export const NewPasswordField = () =>
  applyDecorators(
    ApiProperty({
      minLength: 12,
      maxLength: 256,
      description:
        'At least 12 characters, hard to guess (zxcvbn score ≥ 3), not mostly blank, without the email or names. ' +
        'A refusal is a 400 whose field errors carry `reason`: too_short, repeated, sequence, common, contains_personal or too_guessable.',
    }),
    IsString(),
    MinLength(12, { message: 'must be at least 12 characters' }),
    MaxLength(256),
  );

export const DisplayNameField = () =>
  applyDecorators(
    ApiProperty({ example: '李伟', maxLength: 100 }),
    IsString(),
    Matches(/\S/, { message: 'must not be blank' }),
    MaxLength(100),
  );
