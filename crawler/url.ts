// Canonical URLs (the frontier's dedup key) and the scope test.
// WHATWG URL already lowercases the host, drops default ports and resolves dot segments;
// we drop the fragment and tracking parameters and sort the query.
import { compilePattern, type UrlPattern } from './pattern.ts';


/** Query parameters that only track the visitor; a page is the same page without them. */
const TRACKING = /^(utm_\w+|spm|from|fromid|frommodule|share_token|sharer?|gclid|fbclid|yclid|wtmc|wt\.\w+|_hsenc|_hsmi|mc_cid|mc_eid|scene|srcid|isappinstalled|timestamp|_t|s_trackid|ref|refer|referrer)$/i;

/** Canonical form of an absolute http(s) URL, or null if it is not one. */
export function canonicalUrl(raw: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  if (u.search) {
    const kept = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
    kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    u.search = new URLSearchParams(kept).toString();
  }
  // A trailing "?" with nothing after it is the same resource.
  return u.href.endsWith('?') ? u.href.slice(0, -1) : u.href;
}

export function hostOf(url: string): string {
  return new URL(url).host;
}

export interface ScopeRules {
  /** Host rules: "example.com" (that host), "*.example.com" (it and its subdomains), optionally
   *  followed by a path prefix: "example.com/news/". Empty: the seeds' hosts. */
  allow: string[];
  /** If any, a URL must match one of these regular expressions. */
  include: string[];
  /** A URL matching any of these regular expressions is out of scope. */
  exclude: string[];
}

export type ScopeVerdict = { ok: true } | { ok: false; reason: string };

interface HostRule {
  host: string;
  subdomains: boolean;
  path: string;
}

function parseRule(rule: string): HostRule {
  const r = rule.replace(/^https?:\/\//i, '');
  const slash = r.indexOf('/');
  const hostPart = (slash < 0 ? r : r.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '/' : r.slice(slash);
  const subdomains = hostPart.startsWith('*.');
  return { host: subdomains ? hostPart.slice(2) : hostPart, subdomains, path };
}

/** Compiled scope: hosts and path prefixes, then include and exclude patterns. */
export class Scope {
  private readonly hosts: HostRule[];
  private readonly include: UrlPattern[];
  private readonly exclude: UrlPattern[];

  constructor(rules: ScopeRules, seeds: string[]) {
    const allow = rules.allow.length ? rules.allow : seeds.map((s) => new URL(s).host);
    this.hosts = allow.map(parseRule);
    this.include = rules.include.map(compilePattern);
    this.exclude = rules.exclude.map(compilePattern);
  }

  check(url: string): ScopeVerdict {
    const u = new URL(url);
    const host = u.host;
    const hostOk = this.hosts.some(
      (h) => (host === h.host || (h.subdomains && host.endsWith(`.${h.host}`))) && u.pathname.startsWith(h.path),
    );
    if (!hostOk) return { ok: false, reason: `host or path not allowed: ${host}${u.pathname}` };
    if (this.include.length && !this.include.some((r) => r.test(url))) return { ok: false, reason: 'matches no include pattern' };
    const ex = this.exclude.find((r) => r.test(url));
    if (ex) return { ok: false, reason: `matches exclude pattern ${ex.source}` };
    return { ok: true };
  }
}
