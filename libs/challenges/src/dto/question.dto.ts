import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class QuestionTextDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(5000)
  text: string;
}
