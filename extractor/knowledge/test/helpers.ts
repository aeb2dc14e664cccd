// Small helpers for the knowledge tests: run extraction and look entities up by name.
import { extractKnowledge } from '../index.ts';
import type { Entity, Knowledge } from '../../types.ts';

export function run(body: string, published: string | null = '2024-06-15', source?: string): Knowledge {
  return extractKnowledge({ body, published, source });
}

export const named = (k: Knowledge, type: Entity['type']) => k.entities.filter((e) => e.type === type).map((e) => e.name).sort();

export const entity = (k: Knowledge, name: string) => k.entities.find((e) => e.name === name || e.aliases.includes(name));

export const pairs = (k: Knowledge) =>
  k.relations.filter((r) => r.type === 'collaboration').map((r) => {
    const n = (id: string) => k.entities.find((e) => e.id === id)?.name ?? id;
    return `${n(r.a)}|${n(r.b)}|${r.kind}`;
  });
