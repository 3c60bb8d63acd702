/** Raw-SQL helpers, shared with the other libraries through @app/database. */
export { fen, fenOrNull, iso, queryRows as query, rowsOf } from '@app/database/raw-sql';
