// Article page: the clean text with its entities highlighted and linked to their pages, figures marked in
// the text and listed with their sentences, the original link, and the copies (reprints) of the story.
import { append, clear, h, link, pageHref, status } from '../lib/dom.ts';
import { formatDate, formatNumber, publisher, typeLabel } from '../lib/format.ts';
import { failure } from '../lib/failure.ts';
import { gql } from '../lib/graphql.ts';
import { focusHeading, type Route } from '../lib/router.ts';

const QUERY = /* GraphQL */ `
  query ArticlePage($id: ID!) {
    article(id: $id) {
      articleId title published source author url body bodyOriginal
      reprintOf { articleId title source published url }
      copies { articleId title source published url }
      entities { entityId name aliases type }
      figures { figureId text metric value unit approximate time evidence subjectName }
    }
  }`;

interface Ref { articleId: string; title: string; source: string | null; published: string | null; url: string | null }
interface EntityRef { entityId: string; name: string; aliases: string[]; type: string }
interface FigureData { figureId: string; text: string; metric: string; value: number; unit: string; approximate: boolean; time: string | null; evidence: string; subjectName: string | null }
interface ArticleData {
  articleId: string; title: string; published: string | null; source: string | null; author: string | null; url: string | null;
  body: string; bodyOriginal: string;
  reprintOf: Ref | null; copies: Ref[]; entities: EntityRef[]; figures: FigureData[];
}

type Target = { kind: 'entity'; entity: EntityRef } | { kind: 'figure'; figure: FigureData };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex over every entity name/alias and figure text, longest first, so 北京儿童医院 wins over 北京. */
function matcher(a: ArticleData): { re: RegExp; targets: Map<string, Target> } | null {
  const targets = new Map<string, Target>();
  for (const f of a.figures) if (f.text.length >= 2 && !targets.has(f.text)) targets.set(f.text, { kind: 'figure', figure: f });
  for (const e of a.entities) for (const n of [e.name, ...e.aliases]) if (n.length >= 2 && !targets.has(n)) targets.set(n, { kind: 'entity', entity: e });
  if (!targets.size) return null;
  const names = [...targets.keys()].sort((x, y) => y.length - x.length).map(escapeRe);
  return { re: new RegExp(names.join('|'), 'g'), targets };
}

/**
 * Matching runs on the normalised paragraph (simplified, where names were found); the page shows the original
 * paragraph when both have the same length (character-for-character conversion), so offsets carry over.
 */
function paragraph(norm: string, original: string | undefined, m: ReturnType<typeof matcher>): HTMLElement {
  const shown = original !== undefined && original.length === norm.length ? original : norm;
  const p = h('p', {});
  if (!m) {
    p.append(shown);
    return p;
  }
  let last = 0;
  for (const hit of norm.matchAll(m.re)) {
    const start = hit.index ?? 0;
    const text = shown.slice(start, start + hit[0].length);
    p.append(shown.slice(last, start));
    const t = m.targets.get(hit[0])!;
    if (t.kind === 'entity') p.append(h('a', { href: pageHref('entity', t.entity.entityId), 'data-link': true, class: `entity type-${t.entity.type.toLowerCase()}`, title: `${typeLabel(t.entity.type)}：${t.entity.name}` }, text));
    else p.append(h('a', { href: `#figure-${t.figure.figureId}`, class: 'figure-ref', title: `${t.figure.metric}：${t.figure.text}` }, h('mark', { class: 'figure' }, text)));
    last = start + hit[0].length;
  }
  p.append(shown.slice(last));
  return p;
}

/** The evidence sentence with the figure's own text marked. */
function sentence(f: FigureData): HTMLElement {
  const i = f.evidence.indexOf(f.text);
  if (i < 0) return h('blockquote', {}, f.evidence);
  return h('blockquote', {}, f.evidence.slice(0, i), h('mark', {}, f.text), f.evidence.slice(i + f.text.length));
}

export async function renderArticle(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  clear(root);
  root.append(status('正在加载…'));
  let a: ArticleData | null;
  try {
    a = (await gql<{ article: ArticleData | null }>(QUERY, { id: route.id ?? '' }, signal)).article;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(root);
    root.append(h('h1', {}, '文章'), failure(e));
    return;
  }
  clear(root);
  if (!a) {
    document.title = '未找到 · 合作知识图谱';
    root.append(h('h1', {}, '没有这篇文章'), h('p', {}, link('/', '返回检索')));
    focusHeading(root);
    return;
  }
  document.title = `${a.title} · 合作知识图谱`;
  const m = matcher(a);
  const original = a.bodyOriginal.split('\n');
  const paragraphs = a.body.split('\n').map((p, i) => ({ p, o: original[i] })).filter((x) => x.p.trim() !== '');
  const kinds = [...new Set(a.entities.map((e) => e.type))];
  append(root, [
    h(
      'article',
      { class: 'article' },
      h('nav', { class: 'crumbs', 'aria-label': '位置' }, link('/', '检索'), ' › 文章'),
      h('h1', {}, a.title),
      h('p', { class: 'meta' }, formatDate(a.published), a.reprintOf && publisher(a.url) ? ` · 刊载：${publisher(a.url)}` : '', a.source ? ` · ${a.reprintOf ? '注明来源' : '来源'}：${a.source}` : '', a.author ? ` · 作者：${a.author}` : '', a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, '查看原文 ↗')] : null),
      a.reprintOf ? reprintNote(a) : null,
      kinds.length
        ? h('section', { class: 'mentions', 'aria-labelledby': 'mentions-h' }, h('h2', { id: 'mentions-h' }, `提及的实体（${a.entities.length}）`), kinds.map((k) => h('p', { class: 'chips' }, h('span', { class: 'chip-label' }, `${typeLabel(k)}：`), a!.entities.filter((e) => e.type === k).map((e) => link(pageHref('entity', e.entityId), e.name)))))
        : null,
      h('div', { class: 'body' }, paragraphs.map((x) => paragraph(x.p, x.o, m))),
    ),
    figureSection(a.figures),
    copiesSection(a.copies),
  ]);
  focusHeading(root);
  showTarget(root);
  // Opened from a search: mark its words and open the page at the first.
  const terms = route.params.getAll('hl').slice(0, 10);
  const body = root.querySelector<HTMLElement>('.article .body');
  if (terms.length && body) {
    const { markTerms, show, termBar } = await import('../lib/terms.ts'); // only when opened from a search
    if (signal.aborted) return;
    const marks = markTerms(body, terms);
    body.before(termBar(terms, marks));
    if (marks.length && !location.hash) show(marks[0]);
  }
}

/** A reprint names the site it appeared on and links to the first publication. */
function reprintNote(a: ArticleData): HTMLElement {
  const o = a.reprintOf!;
  const site = publisher(o.url);
  return h('p', { class: 'note' }, '本文为转载，首发：', link(pageHref('article', o.articleId), `${site ?? o.source ?? o.title}${site && o.source ? `（${o.source}）` : ''}，${formatDate(o.published)}`));
}

function figureSection(figures: FigureData[]): HTMLElement | null {
  if (!figures.length) return null;
  return h(
    'section',
    { class: 'figures', 'aria-labelledby': 'figures-h' },
    h('h2', { id: 'figures-h' }, `文中数据（${figures.length}）`),
    h('ol', { class: 'figure-list' }, figures.map((f) => h('li', { id: `figure-${f.figureId}`, tabindex: -1 }, h('p', {}, h('strong', {}, f.metric), '：', `${f.approximate ? '约 ' : ''}${formatNumber(f.value)} ${f.unit}`, f.subjectName ? ` · ${f.subjectName}` : '', f.time ? ` · ${formatDate(f.time)}` : ''), sentence(f)))),
  );
}

function copiesSection(copies: Ref[]): HTMLElement | null {
  if (!copies.length) return null;
  return h('section', { class: 'copies', 'aria-labelledby': 'copies-h' }, h('h2', { id: 'copies-h' }, `转载（${copies.length}）`), h('ul', {}, copies.map((c) => h('li', {}, link(pageHref('article', c.articleId), publisher(c.url) ?? c.source ?? c.title), ` ${formatDate(c.published)}`, publisher(c.url) && c.source ? h('small', {}, `（注明来源：${c.source}）`) : ''))));
}

/** Report links point at #figure-…: the page is rendered after load, so scroll to and focus the target here. */
function showTarget(root: HTMLElement): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id ? root.ownerDocument.getElementById(id) : null;
  if (!el) return;
  el.classList.add('targeted');
  el.focus();
  el.scrollIntoView({ block: 'center' });
}
