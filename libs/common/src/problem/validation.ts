import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldError, invalid } from '../domain-error';
import { UnsafeValue, UnsafeValueReason, findUnsafeValue } from '../http/safe-text';

const UNSAFE_VALUE_MESSAGES: Record<UnsafeValueReason, string> = {
  nul_character: 'must not contain a NUL character (\\u0000)',
  lone_surrogate: 'must be well-formed Unicode text (it holds a lone surrogate)',
  not_finite: 'must be a finite number',
};

/** The 400 for a value that cannot be stored (see findUnsafeValue), naming its field. */
export function unsafeValueError(found: UnsafeValue) {
  const message = UNSAFE_VALUE_MESSAGES[found.reason];
  return invalid('validation_failed', `${found.field} ${message}`, [{ field: found.field, message }]);
}

/**
 * The global ValidationPipe, after one check of its own on every query and path parameter: text
 * Postgres cannot store (NUL, lone surrogates) is a 400 naming the field, on every route at once,
 * instead of a 500 from whichever query first meets it. Bodies are not walked again here: the
 * API's only body parser (JSON, apps/api bootstrap) has already checked them, before interceptors.
 */
class StorableTextValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'param') {
      const found = findUnsafeValue(value, metadata.data ?? '');
      if (found) throw unsafeValueError(found);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The arguments of the constraint `name` on `property` of the validated object (e.g. `[200]` for
 * `@MaxLength(200)`), read from class-validator's metadata so a message can be worded in any
 * language; none for a rule without metadata (whitelistValidation).
 */
function constraintArgs(target: object | undefined, property: string, name: string): readonly unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const found = metadata.find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return (found?.constraints as unknown[] | undefined) ?? [];
}

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
        constraint: { name: rule, args: constraintArgs(error.target, error.property, rule) },
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** The global pipe: strip nothing silently — unknown fields are refused, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new StorableTextValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target is read for constraint arguments only (constraintArgs); it never reaches an answer.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ');
      return invalid('validation_failed', summary || 'The request body is not valid.', fieldErrors);
    },
  });
}
