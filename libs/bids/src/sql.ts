/** Raw-SQL helpers, shared with the other libraries through @app/database. */
export { queryRows as query, rowsOf } from '@app/database/raw-sql';
