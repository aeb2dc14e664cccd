export * from './archive.ts';
export * from './errors.ts';
export * from './migrate.ts';
export * from './port.ts';
export * from './sqlite-port.ts';
