// Chinese labels and number/date formatting shared by the pages. GraphQL enums arrive upper case (CO_BUILD).

export const KIND_LABELS: Record<string, string> = {
  AGREEMENT: '签约合作',
  TRUSTEESHIP: '托管',
  CO_BUILD: '共建',
  ASSISTANCE: '对口帮扶',
  ALLIANCE: '医联体',
  REMOTE: '远程医疗',
  TRAINING: '进修培训',
  OTHER: '其他合作',
};
export const KINDS = Object.keys(KIND_LABELS);

export const TYPE_LABELS: Record<string, string> = {
  HOSPITAL: '医院',
  ORGANIZATION: '机构',
  PLACE: '地区',
  PROJECT: '项目',
  PERSON: '人物',
};

export const EDGE_LABELS: Record<string, string> = {
  COLLABORATES: '合作',
  LOCATED_IN: '位于',
  BRANCH_OF: '院区',
  PART_OF: '隶属',
};

export const LEVEL_LABELS: Record<string, string> = { province: '省级', city: '市级', county: '县级', region: '区域' };

export const FACET_LABELS: Record<string, string> = { source: '来源', places: '地区', institutions: '机构', kinds: '合作方式', year: '年份' };

/** Label of a collaboration kind in either spelling (CO_BUILD or co-build). */
export function kindLabel(kind: string | null | undefined): string {
  if (!kind) return '未注明';
  return KIND_LABELS[kind.toUpperCase().replace(/-/g, '_')] ?? kind;
}

export function typeLabel(type: string): string {
  return TYPE_LABELS[type.toUpperCase()] ?? type;
}

/** 2024-02-27T08:52 → 2024年2月27日; 2024-02 → 2024年2月; 2024 → 2024年; null → 日期不详. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '日期不详';
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${m[2] ? `${Number(m[2])}月` : ''}${m[3] ? `${Number(m[3])}日` : ''}`;
}

export function yearOf(iso: string | null | undefined): number | null {
  const m = /^(\d{4})/.exec(iso ?? '');
  return m ? Number(m[1]) : null;
}

/** Grouped digits, and 万/亿 for large values: 12000 → 1.2万. Exact value stays available in tables. */
export function formatNumber(n: number, compact = false): string {
  if (compact && Math.abs(n) >= 1e8) return `${trim(n / 1e8)}亿`;
  if (compact && Math.abs(n) >= 1e4) return `${trim(n / 1e4)}万`;
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

const trim = (x: number) => x.toLocaleString('zh-CN', { maximumFractionDigits: 1 });

export function count(n: number, unit: string): string {
  return `${formatNumber(n)} ${unit}`;
}

/** The site an article appeared on, from its URL: http://www.hebnews.cn/x → hebnews.cn; null without a URL. */
export function publisher(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
