// The committed api/schema.graphql must match the code-first schema: a breaking change is named, and any
// other difference asks for `npm run schema` so the change is reviewed in the diff.
import { readFileSync } from 'node:fs';
import { buildSchema as parseSDL, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from './print-schema.ts';
import { buildSchema } from './schema.ts';

describe('api/schema.graphql', () => {
  it('has no breaking change against the built schema', () => {
    const committed = parseSDL(readFileSync(SCHEMA_FILE, 'utf8'));
    const breaking = findBreakingChanges(committed, buildSchema()).map((c) => `${c.type}: ${c.description}`);
    expect(breaking, 'breaking schema changes: if intended, run `npm run schema` and say so in the commit').toEqual([]);
  });

  it('is exactly what `npm run schema` prints', () => {
    const same = readFileSync(SCHEMA_FILE, 'utf8') === printedSchema();
    expect(same, 'api/schema.graphql is out of date: run `npm run schema` and commit it').toBe(true);
  });

  it('detects a breaking change (a removed field) in a modified copy', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const withoutTotal = committed.replace(/^\s*totalCount: Int!\n/m, '');
    expect(withoutTotal).not.toBe(committed);
    const changes = findBreakingChanges(parseSDL(committed), parseSDL(withoutTotal));
    expect(changes.map((c) => c.type)).toContain('FIELD_REMOVED');
  });
});
