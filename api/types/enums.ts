// Enums shared by several types. GraphQL names are upper case; values map to the domain's strings.
import { COLLABORATION_KINDS, type CollaborationKind, type EntityType } from '../../extractor/types.ts';
import type { Edge } from '../../graph/port.ts';
import { builder } from '../builder.ts';

const ENTITY_TYPES: readonly EntityType[] = ['hospital', 'organization', 'place', 'project', 'person'];

const upper = (s: string) => s.toUpperCase().replace(/-/g, '_');

export const EntityTypeEnum = builder.enumType('EntityType', {
  description: 'Kind of entity: hospitals and organizations are institutions; places carry a GB/T 2260 code.',
  values: Object.fromEntries(ENTITY_TYPES.map((t) => [upper(t), { value: t }])) as Record<string, { value: EntityType }>,
});

export const CollaborationKindEnum = builder.enumType('CollaborationKind', {
  description: 'How two institutions work together: 托管 TRUSTEESHIP, 共建 CO_BUILD, 对口帮扶 ASSISTANCE, 医联体 ALLIANCE, 远程会诊 REMOTE…',
  values: Object.fromEntries(COLLABORATION_KINDS.map((k) => [upper(k), { value: k }])) as Record<string, { value: CollaborationKind }>,
});

export const EdgeTypeEnum = builder.enumType('EdgeType', {
  values: {
    COLLABORATES: { value: 'COLLABORATES' as Edge['type'] },
    LOCATED_IN: { value: 'LOCATED_IN' as Edge['type'] },
    BRANCH_OF: { value: 'BRANCH_OF' as Edge['type'] },
    PART_OF: { value: 'PART_OF' as Edge['type'] },
  },
});

export const SearchSortEnum = builder.enumType('SearchSort', {
  values: { RELEVANCE: { value: 'relevance' as const }, DATE: { value: 'date' as const } },
});

export const FacetFieldEnum = builder.enumType('FacetField', {
  values: {
    SOURCE: { value: 'source' as const },
    PLACES: { value: 'places' as const },
    INSTITUTIONS: { value: 'institutions' as const },
    KINDS: { value: 'kinds' as const },
    YEAR: { value: 'year' as const },
  },
});

export const FigureGroupEnum = builder.enumType('FigureGroup', {
  description: 'Dimension to group figure aggregates by.',
  values: {
    METRIC: { value: 'metric' as const },
    PLACE: { value: 'place' as const },
    INSTITUTION: { value: 'institution' as const },
    YEAR: { value: 'year' as const },
  },
});
