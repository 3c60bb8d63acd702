import type { TableName, Tables } from './generated/tables';

export type { Json, TableName, Tables } from './generated/tables';

/**
 * Some columns of a table's row, typed from the migrated schema (`npm run db:types`), so a renamed
 * or dropped column fails the type check. `Narrowed` re-types json columns with the owner's shapes
 * (and adds computed columns such as `now() AS db_now`).
 */
export type RowOf<T extends TableName, K extends keyof Tables[T], Narrowed extends object = object> = Omit<
  Pick<Tables[T], K>,
  keyof Narrowed
> &
  Narrowed;
