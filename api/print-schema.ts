// `npm run schema`: writes api/schema.graphql from the code-first schema. The file is committed so every
// schema change shows up in review; api/schema.test.ts fails when they differ.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { buildSchema } from './schema.ts';

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), 'schema.graphql');

export function printedSchema(): string {
  return `${printSchema(buildSchema())}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
