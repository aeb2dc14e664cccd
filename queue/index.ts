export * from './errors.ts';
export * from './connection.ts';
export * from './jobs.ts';
export * from './worker.ts';
export * from './status.ts';
