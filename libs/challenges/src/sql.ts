/** Runs an INSERT/UPDATE … RETURNING and gives back its rows (shared helper in @app/database). */
export { queryRows as returning } from '@app/database/raw-sql';
