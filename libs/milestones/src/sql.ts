/** Raw-SQL helpers, shared with the other libraries through @app/database. */
export { fen, fenOrNull, iso, queryRows as q, rowsOf } from '@app/database/raw-sql';
