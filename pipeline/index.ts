export * from './import.ts';
export * from './extract.ts';
export * from './sync.ts';
export * from './services.ts';
