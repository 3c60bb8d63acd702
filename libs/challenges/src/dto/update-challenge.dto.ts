import { PartialType } from '@nestjs/swagger';
import { CreateChallengeDto } from './create-challenge.dto';

/**
 * A partial draft: every field of the create body is optional; the merged result is checked by the
 * same rules. `null` clears the optional fields (secondaryIndustry, field, maxAwardFen, zone, stages,
 * parallelSlots); for the other fields it is refused.
 */
export class UpdateChallengeDto extends PartialType(CreateChallengeDto) {}
