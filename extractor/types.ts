// Domain types shared by the extractor, the archive and the two ports.
// Everything downstream (graph, search, api) speaks these types, never raw HTML.

/** A page turned into a clean article. `body` is normalised (simplified, folded); `bodyOriginal` as the page had it. */
export interface Article {
  title: string;
  /** ISO date or date-time in Beijing local time, e.g. "2024-02-27T08:52" or "2024-02-27"; null when the page shows none. */
  published: string | null;
  /** Publisher as the page names it (来源). */
  source: string | null;
  author: string | null;
  /** Paragraphs separated by "\n"; simplified Chinese, pinyin annotations removed, full-width ASCII folded. */
  body: string;
  /** Paragraphs as found on the page, before normalisation (same paragraph count as body). */
  bodyOriginal: string;
  url: string | null;
}

/** The page holds no article (list page, 404 template, login wall…); `reason` says why. */
export interface NoArticle {
  noArticle: true;
  reason: string;
}

export type ArticleResult = Article | NoArticle;

export function isNoArticle(r: ArticleResult): r is NoArticle {
  return (r as NoArticle).noArticle === true;
}

export type EntityType = 'hospital' | 'organization' | 'place' | 'project' | 'person';

/** Where in the article a fact was read: sentence index into Knowledge.sentences and character offsets into Article.body. */
export interface Provenance {
  sentence: number;
  start: number;
  end: number;
}

export interface Entity {
  /** Stable, derived id: `place:130600`, `hospital:北京儿童医院`, `org:国家卫生健康委员会`, `project:…`, `person:…`. */
  id: string;
  type: EntityType;
  /** Canonical (longest official) name. */
  name: string;
  /** Every other surface form used in the article. */
  aliases: string[];
  /** GB/T 2260 code, places only. */
  code?: string;
  /** province | city | county | region, places only. */
  level?: string;
  /** Person's role (e.g. 天津市卫生健康委员会主任). */
  role?: string;
  mentions: Provenance[];
  confidence: number;
}

export interface Figure {
  id: string;
  /** Surface text, e.g. 床位1000张. */
  text: string;
  value: number;
  unit: string;
  /** Canonical metric (extractor/dict/metrics.ts), e.g. 床位, 派驻专家, 门诊量, 资金, 增长率; 'other' when none fits. */
  metric: string;
  /** The raw label the text gives the figure, e.g. 医联体成员单位新增床位. */
  label?: string;
  /** Entity id of what the figure is about, or null. */
  subjectId: string | null;
  subject: string | null;
  /** Time context (ISO date or year), resolved against the publish date where relative. */
  time: string | null;
  /** Approximate forms (20余例, 超百万人次). */
  approximate: boolean;
  evidence: string;
  provenance: Provenance;
  confidence: number;
}

export type CollaborationKind =
  | 'agreement'
  | 'trusteeship'
  | 'co-build'
  | 'assistance'
  | 'alliance'
  | 'remote'
  | 'training'
  | 'other';

export const COLLABORATION_KINDS: readonly CollaborationKind[] = [
  'agreement',
  'trusteeship',
  'co-build',
  'assistance',
  'alliance',
  'remote',
  'training',
  'other',
];

export type RelationType = 'collaboration' | 'located_in' | 'branch_of' | 'part_of';

export interface Relation {
  type: RelationType;
  /** Entity ids. For a directed collaboration, `a` helps / leads `b`. */
  a: string;
  b: string;
  kind?: CollaborationKind;
  /** True when the text gives who helps whom (a → b). */
  directed?: boolean;
  /** ISO date, year-month or year; null when not stated. */
  date: string | null;
  evidence: string;
  provenance: Provenance;
  confidence: number;
  /** Collaborations: id of the programme or project the sentence says it happens under (组团式医疗支援, 沪滇协作). */
  project?: string;
}

/** What knowledge extraction returns for one article. */
export interface Knowledge {
  sentences: string[];
  entities: Entity[];
  figures: Figure[];
  relations: Relation[];
  /** Candidates seen and rejected, by reason: nothing is dropped silently. */
  rejected: Record<string, number>;
}
