// Public surface of search/. The Meilisearch adapter is imported from './meilisearch.ts' directly
// (pipeline/services.ts loads it only when MEILI_HOST is set).
export type * from './port.ts';
export * from './errors.ts';
export { EmbeddedSearchIndex, type EmbeddedSearchOptions } from './embedded.ts';
export { parseQuery, type ParsedQuery, type QueryNode } from './query.ts';
export { SavedSearches, checkSavedSearches, type SavedSearch, type CheckResult, type Alert } from './saved.ts';
export { toCsv } from './csv.ts';
export { REGION_SYNONYMS } from './synonyms.ts';
