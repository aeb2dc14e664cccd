export * from './types.ts';
export * from './normalize.ts';
export * from './article/index.ts';
export * from './reprint.ts';
export * from './knowledge/index.ts';
