import { EntityManager } from 'typeorm';
import { queryRows } from './raw-sql';

/**
 * A piece of SQL with its parameters, composable: a fragment placed inside another is inlined and
 * its parameters renumbered, so an owner library can export "the part of a statement that writes my
 * table" (a CTE, a subquery) and a caller can compose several owners' parts into one statement
 * without anyone counting `$n` by hand. Values are always parameters, never spliced into the text.
 */
export class Sql {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    const flatStrings: string[] = [strings[0]];
    const flatValues: unknown[] = [];
    values.forEach((value, i) => {
      if (value instanceof Sql) {
        flatStrings[flatStrings.length - 1] += value.strings[0];
        flatValues.push(...value.values);
        flatStrings.push(...value.strings.slice(1));
        flatStrings[flatStrings.length - 1] += strings[i + 1];
      } else {
        flatValues.push(value);
        flatStrings.push(strings[i + 1]);
      }
    });
    this.strings = flatStrings;
    this.values = flatValues;
  }

  /** The text with `$1…$n` placeholders, and the values in that order (node-postgres's shape). */
  get text(): string {
    return this.strings.reduce((text, part, i) => `${text}$${i}${part}`);
  }
}

/** `sql\`SELECT … WHERE id = ${id}\``: every interpolated value becomes a parameter; an interpolated Sql is inlined. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Trusted text (an identifier or keyword chosen by code, never by input) placed as it is. */
export function rawSql(text: string): Sql {
  return new Sql([text], []);
}

/** Fragments joined by a separator (`, ` by default): a column list, CTEs, VALUES rows. */
export function joinSql(parts: readonly Sql[], separator = ', '): Sql {
  if (parts.length === 0) return rawSql('');
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return new Sql(strings, parts);
}

/** Runs a fragment in the caller's transaction and gives back its rows. */
export function runSql<T>(em: EntityManager, statement: Sql): Promise<T[]> {
  return queryRows<T>(em, statement.text, [...statement.values]);
}
