export { createApi, ApiOptionsSchema, type ApiOptions, type ApiServer } from './server.ts';
export { buildSchema } from './schema.ts';
export { ApiError, NotAvailableError, OperationFailedError } from './errors.ts';
export { LimitsSchema, MAX_PAGE_SIZE, type LimitsOptions } from './limits.ts';
export type { ApiContext, ApiServices } from './builder.ts';
