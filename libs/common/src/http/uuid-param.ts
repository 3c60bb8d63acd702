import { ParseUUIDPipe } from '@nestjs/common';
import { invalid } from '../domain-error';

/** `@Param('id', UuidParam('id'))`: a malformed id is a 400 naming the parameter, not a 500. */
export const UuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => invalid('invalid_identifier', `${name} must be a UUID`, [{ field: name, message: 'must be a UUID' }]),
  });
