export * from './archive.ts';
export * from './errors.ts';
export * from './migrate.ts';
