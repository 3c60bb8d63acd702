import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, invalid } from '../domain-error';

/** Turns class-validator's nested tree into `a.b[2].c: message` entries, one per failed rule. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const path = parent ? (segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`) : segment;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field: path,
        // class-validator's default messages start with the property name; the field says it already.
        message:
          rule === 'whitelistValidation'
            ? 'is not an allowed field'
            : message.startsWith(`${error.property} `)
              ? message.slice(error.property.length + 1)
              : message,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** The global pipe: strip nothing silently — unknown fields are refused, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ');
      return invalid('validation_failed', summary || 'The request body is not valid.', fieldErrors);
    },
  });
}
