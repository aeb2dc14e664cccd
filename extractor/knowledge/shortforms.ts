// Short forms a document declares for an institution and then uses on their own: 内蒙古自治区人民医院
// （以下简称“区人民医院”）… 区人民医院向每家医院派驻…. The short form is often no name by itself (区人民医院
// has no district, 张家口妇幼 no suffix), so only the declaration ties it to the institution; every later
// use in the document becomes a mention of that institution.
import { SELF_REFERENCES } from '../dict/institutions.ts';
import type { InstitutionMention } from './institutions.ts';

/** （以下简称“Y”） / （简称Y） / （下称Y） right after a name. */
const DECLARATION = /^[（(](?:以下简称|以下称|下称|简称)[为：:]?[“"‘「]?([\p{Script=Han}A-Za-z0-9]{2,12})[”"’」]?[）)]/u;

interface SentenceInsts { text: string; insts: InstitutionMention[] }

/** Adds a mention for every use of a declared short form (from its declaration on) and ties existing ones. */
export function applyShortForms(sentences: SentenceInsts[]): void {
  const declared: { short: string; full: InstitutionMention; from: number }[] = [];
  sentences.forEach((s, i) => {
    for (const m of s.insts) {
      const d = DECLARATION.exec(s.text.slice(m.end));
      if (!d || d[1] === m.surface || SELF_REFERENCES[d[1]]) continue;
      // a later declaration of the same short form for another institution makes it ambiguous: keep the first
      if (!declared.some((x) => x.short === d[1])) declared.push({ short: d[1], full: m, from: i });
    }
    // a company is named in full once and then by its trade name without place and legal form
    // (杭州某某医疗科技有限公司 … 某某医疗), with no declaration
    for (const m of s.insts) {
      if (m.type !== 'organization' || !/有限(责任)?公司$/u.test(m.surface)) continue;
      const short = m.core.replace(/(股份)?有限(责任)?公司$/u, '').replace(/(科技|技术|信息技术|实业|发展|集团)$/u, '');
      if (short.length >= 4 && short !== m.surface && !SELF_REFERENCES[short] && !declared.some((x) => x.short === short)) declared.push({ short, full: m, from: i });
    }
  });
  if (declared.length === 0) return;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    let added = false;
    for (const { short, full, from } of declared) {
      if (i < from) continue;
      for (let at = s.text.indexOf(short); at >= 0; at = s.text.indexOf(short, at + short.length)) {
        const end = at + short.length;
        const same = s.insts.find((m) => m.start === at && m.end === end);
        if (same) { if (same !== full) same.declaredFor = full; continue; }
        // inside or across a longer name (张家口妇幼保健院 holds 张家口妇幼): that name is meant
        if (s.insts.some((m) => m.start < end && at < m.end)) continue;
        s.insts.push({
          surface: short, start: at, end, type: full.type, places: [], homePrefix: null, core: short, inner: [],
          inTitle: false, known: false, declaredFor: full,
        });
        added = true;
      }
    }
    if (added) s.insts.sort((a, b) => a.start - b.start);
  }
}
