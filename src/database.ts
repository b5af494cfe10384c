// The database type lives in platform/db.ts; modules add their tables to it from their *.table.ts.
export type { Database } from './platform/db.ts';
