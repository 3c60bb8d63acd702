/**
 * What of an error may be written to a log. A failed query's error carries its SQL parameters
 * (TypeORM's `parameters`), the driver's `detail` ("Key (email)=(…) already exists") and values
 * quoted in its message — password hashes, emails, sealed bid text. None of that is kept: only the
 * error's kind, its SQLSTATE and the names of the constraint, table and column, and the message
 * and stack with every quoted value replaced.
 */
export interface LoggableError {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  stack?: string;
}

const QUOTED = /"[^"]*"|'[^']*'|\([^()]*\)=\([^()]*\)/g;

/** Quoted values (and pg's `(key)=(value)` pairs) become `"…"`. */
export const withoutValues = (text: string): string => text.replace(QUOTED, '"…"');

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function loggableError(err: unknown): LoggableError {
  if (!err || typeof err !== 'object') return { type: typeof err, message: withoutValues(String(err)) };
  const e = err as Record<string, unknown>;
  const driver = (e.driverError && typeof e.driverError === 'object' ? e.driverError : e) as Record<string, unknown>;
  const type = stringOr(e.name) ?? err.constructor?.name ?? 'Error';
  const message = withoutValues(stringOr(e.message) ?? '');
  const stack = stringOr(e.stack);
  return {
    type,
    message,
    code: stringOr(driver.code),
    constraint: stringOr(driver.constraint),
    table: stringOr(driver.table),
    column: stringOr(driver.column),
    routine: stringOr(driver.routine),
    // The stack's first line repeats the message; the frames below it hold no values.
    stack: stack ? [`${type}: ${message}`, ...stack.split('\n').filter((line) => /^\s+at /.test(line))].join('\n') : undefined,
  };
}
