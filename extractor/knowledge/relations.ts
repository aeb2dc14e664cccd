// Collaborations between institutions named in one sentence: A与B + a cooperation word, directed
// help (A派驻专家到B), membership lists (A、B…成为C医联体成员单位) and agreements named in 《…》.
import type { CollaborationKind, Relation } from '../types.ts';

export interface SentenceInstitution { id: string; start: number; end: number; inTitle: boolean }

export interface SentenceFacts {
  text: string;
  sentence: number;
  base: number;
  mentions: SentenceInstitution[];
  /** Who acts when the sentence names nobody before its verb (the previous subject, or the article's own institution). */
  implicitSubject: string | null;
  date: string | null;
  plan: boolean;
  /** Province code of an institution, or null when unknown: alliances in a list join across provinces. */
  provinceOf?: (id: string) => string | null;
  /** kindsOf(text), when the caller has it already (a second reading of the same sentence). */
  kinds?: CollaborationKind[];
}

const KINDS: [CollaborationKind, RegExp][] = [
  // 委托/交由B运营: a hospital built by one party is handed to another to run
  ['trusteeship', /托管|负责运营|承担运营|运营管理|(委托|交由)[^，,；;。]{1,20}运营/u],
  // a national regional medical centre is built by an 输出医院 on a local one (以A为输出医院、依托B建设)
  // X医院(依托Y医院): the list form of a national regional medical centre's pair
  ['co-build', /共建|合作建院|合建|共同建设|输出医院|[(（]依托/u],
  ['agreement', /签订|签署|签约|协议/u],
  // 挂职: a doctor of one hospital takes a post in another for a term, the usual form of paired help
  // 以院包科 / 包干某科: a hospital takes charge of one department of another, a form of paired help
  // 援派: sent on an assistance mission; 到B坐诊: a partner's doctors seeing patients at B; 为B提供技术支持: help given without a help verb
  // 来自A的专家团队 / A的专家签约B首席专家 / 在B开展义诊: people of one institution working at another
  ['assistance', /支持[^，,；;。]{0,10}(建设|发展)|义诊|来自[^，,；;。]{2,30}的[^，,；;。]{0,10}(专家|团队|医疗队)|首席专家|名誉院长|特聘专家|帮扶|对口支援|支援|援建|援派|派驻|选派|派出|派遣|进驻|援助|挂职|包科|包干|坐诊|巡诊|(帮助|指导|支持|带动)下|提供[^，,；;。]{0,8}(支持|帮助|指导|保障|团队|专家|人才)/u],
  // 医共体 is the county-level form of the 医联体; joining one is an alliance, working on 医共体建设 is not
  ['alliance', /医联体|(纳入|加入)[^，,；;。]{0,6}医共体|医共体成员|医疗共同体|联盟|成员单位|医疗集团|专科联盟/u],
  ['remote', /远程/u],
  ['training', /培训|进修|带教|培养|教学/u],
  // A与B共同推动…: a joint undertaking with no more specific kind
  // B承接A的下转患者 / 外包任务: B takes over work passed on by A
  ['other', /合作|协作|联手|携手|联合|交流|会商|对接|承接|共同(推动|推进|开展|打造|实施|发起|举办|主办)/u],
];
/** 与B, or 与 followed by a short description of B (与医疗资源丰富的天津医科大学). */
const CONNECTOR = /[与同跟和]$|[与同跟][^，,。；;与和]{1,20}的$/u;
const ENUM_GAP = /^[、和及与]$/u;
const DIRECTED = /(派驻|选派|派出|派遣|支援|帮扶|托管|援建|进驻|接收|挂职|包干|支持|承担)[^，,；;。]{0,10}$/u;
/** A在B帮助下…: B helps A. */
const HELPED_BY = /^的?(大力|全力|鼎力)?(帮助|指导|支持|帮扶|支援|带动|援助)下/u;
/** 在A的支持下，B…: the sentence opens with the helper, and the one helped is named right after the comma. */
const HELPED_NEXT = /^的?(大力|全力|鼎力)?(帮助|指导|支持|帮扶|支援|带动|援助)下[，,]?[^，,；;。]{0,6}$/u;
/** 由B负责运营管理的…医院: B runs the institution the sentence is about. */
const RUN_BY = /^(负责|全面|承担)?(运营管理|运营|托管|管理)/u;
/** A和B共同发起: the listed institutions act together. */
const TOGETHER = /^(当天|当日|日前|近日|今天|昨天|\d{1,2}日)?(共同|联合|携手|一起|共建|合建)/u;
/** B成为A的协作医院 / 教学医院 / 分院 / 成员单位: B joins A's network under A's name. */
const BECOMES = /^[^，,；;。]{0,6}成为$|^是$/u;
const BECOMES_WHAT = /^的?[^，,；;。]{0,8}(医院|分院|院区|单位|基地|成员|医联体|联盟)/u;
/** B由A(和C)共同帮扶: the institutions after 由 help the one before it (a passive). */
const HELPS_AFTER = /^([和及与、][^，,；;。]{1,12})?(共同|联合|负责)?(对口)?(帮扶|支援|托管|援建|指导|援助|运营)/u;
/** 由A对B实行托管 / A对B进行帮扶: 对 introduces the one helped. */
const HELPED_AFTER = /^(实行|进行|开展|实施)?[^，,；;。]{0,12}(托管|帮扶|支援|援助|指导)/u;
/** A牵头，联合B…: 联合 joins B to the institution that leads, even across a comma. */
const JOINING = /(联合|会同|携手|联手|牵手)$/u;
/** B加入A牵头的联盟: the group B joins is named after the one that leads it. */
const JOINS_LED = /^(牵头|主导|组建|领衔)的?[^，,；;。]{0,8}(联盟|医联体|医共体|集团|共同体)/u;
/** …将B纳入(医联体)成员单位: B joins the group of whoever leads the sentence. */
const ENROLLED = /^纳入[^，,；;。]{0,8}(成员|医联体|联盟|集团|医共体)/u;
/** A、B、C(整体)纳入医共体 / B加入医共体: the list joins the group of the sentence's subject. */
const JOINS_GROUP = /^(整体|全部|均|也|正式|作为[^，,；;。]{0,8})?(纳入|加入)[^，,；;。]{0,8}(医联体|医共体|医疗共同体|联盟|集团)/u;
/** A、B、C(在D)签署…协议 / A和B建立…: the listed institutions are the parties to one another. */
// 两家医院/两院/双方 sums up the list just named (A和B两家医院开通了远程会诊)
const MUTUAL = /^([两三四五六七八九十\d]+(家(医院|单位|机构)|省区?|市|地|区|县|方)|两院|双方)?(日前|近日|昨天|昨日|今天|当天|\d{1,2}日)?(在[^，,；;。与同和跟]{1,10})?(共同|联合|正式|还|也|将)?(签署|签订|签约|建立|结成|达成|开通|组建|(进行|开展)[^，,；;。]{0,6}(对接|合作|协作|交流))/u;
/** …两市/三方签订: the count of the parties says the agreement binds them all. */
const MANY_PARTIES = /^[两三四五六七八九十\d]+(市|省区?|地|方|家|区|县)[^，,；;。]{0,12}(签订|签署|签约|协议)/u;
/** …签订三方合作协议 / 在通州签署…合作协议: what the list signs after it, one agreement. */
const SIGNS_TOGETHER = /^(日前|近日|\d{1,2}日)?(在[^，,；;。与和]{1,10})?(共同|正式)?(签订|签署)了?([两三四五六七八九十]+(方|市|地|省区?|县))?[^，,；;。]{0,16}(协议|备忘录)/u;
/** A、B、C分别对口帮扶X、Y、Z: each helper with the one in the same place of the other list. */
const RESPECTIVELY_HELPS = /^(则|还|也|将)?分别(对口)?(帮扶|支援|托管|援建|指导|结对|对口)/u;
/** 甲、乙选派的…成员: a list that sends people together is no set of members of one another. */
const SENT_BY_LIST = /^(共同|联合)?(选派|派出|派驻|组织|推荐|选拔)/u;
/** B、C通过远程平台接入A: the list is linked to the institution after the verb. */
const LINKED_TO = /(接入|连接|联通|连通)$/u;
/** 以A为输出医院、依托B建设: the pair of a national regional medical centre. */
const OUTPUT_HOSPITAL = /^(作为|为)(输出|牵头)(医院|单位)/u;
/** …、B作为依托医院: the local partner of the output hospital named before it. */
const DEPENDING = /^(作为|为)依托(医院|单位)/u;
/** A为B、C提供会诊: the institutions between 为 and 提供 receive what A gives. */
const PROVIDED_FOR = /^(新院区|院区|分院|新院)?提供/u;
/** (A选派的专家)将在B、C开展帮扶工作: the places of work of the people A sends. */
const WORKS_AT = /^[^，,；;。]{0,14}(开展|进行|从事)[^，,；;。]{0,30}(帮扶|支援|援助|诊疗|义诊|手术|查房|带教)/u;
const SENDS = /选派|派出|派驻|派遣|组织/u;
/** A的专家…在B: the people of an institution named before the place they work at. */
const ITS_PEOPLE = /专家|医生|医师|教授|团队|医疗队|队员/u;
/** 来自A的专家团队…: A's people, at the other institution of the sentence. */
const FROM_PEOPLE = /^的?[^，,；;。]{0,10}(专家|团队|医生|医疗队|队员|医师)/u;
/** B通过/借助A(的)“组团式”帮扶: A helps the subject named before 通过. */
const HELP_THROUGH = /^[^，,；;。]{0,14}(帮扶|支援|援助|托管|指导)/u;
/** A的专家…签约B首席专家 / 受聘为B名誉院长: A's people take a post at B. */
const POST_AT = /^的?(首席专家|名誉院长|特聘专家|客座教授|专家顾问|学科带头人|荣誉院长)/u;
/** A与B、C与D分别…: a list of pairs, each with its own partner. */
const PAIR_GAP = /^[与同和跟]$/u;
const PAIR_SEP = /^[、，,]$/u;
/** A投资建设…，交由B运营: the one that builds and the one that runs a new hospital are partners. */
const BUILDS = /^(负责|全额|全资)?(投资|出资)(建设|兴建|新建)/u;
const RUNS = /^(负责|全面)?(运营|管理)/u;
/** B随后与该院签约: the partner is the institution the sentence refers back to. */
const REFERRED_PARTNER = /[与同跟和](该院|该中心|该医院|这家医院|这所医院|该校|该公司)/u;
/** B承接(了)A的…: B takes on what A passes on. */
const TAKES_OVER = /^[^，,；;。]{0,4}承接了?$/u;
/** A援派的专家团队在B…: the team A sends works at B. */
const SENT_TO_WORK_AT = /^(援派|派出|选派|派驻|派遣)的[^，,；;。]{0,8}在$/u;
/** A向B派驻专家: 向 introduces the one that receives the people A sends. */
const SENT_TO = /^(派驻|选派|派出|派遣|输送|援派|下派)/u;
/** 结对帮扶：A—B、C—D: a dash between two names writes one pair of a list of pairs. */
const DASH = /^[—–－-]{1,2}$/u;

export function kindsOf(text: string): CollaborationKind[] {
  const kinds: CollaborationKind[] = [];
  for (const [kind, re] of KINDS) if (re.test(text)) kinds.push(kind);
  // a cooperation word alone is 'other'; with a more specific kind it adds nothing
  return kinds.length > 1 ? kinds.filter((k) => k !== 'other') : kinds;
}

/**
 * The relations one sentence states, each pair and kind once. A class rather than a closure made per
 * sentence: the product runs through tsx, whose keepNames costs a defineProperty for every named closure.
 */
class Pairs {
  readonly out: Relation[] = [];
  private readonly seen = new Set<string>();
  private readonly f: SentenceFacts;
  private readonly kinds: CollaborationKind[];

  constructor(f: SentenceFacts, kinds: CollaborationKind[]) {
    this.f = f;
    this.kinds = kinds;
  }

  add(a: string, b: string, directed: boolean, confidence: number, only?: CollaborationKind): void {
    if (a === b) return;
    const f = this.f;
    for (const kind of f.plan ? (['other'] as CollaborationKind[]) : this.kinds) {
      if (only && kind !== only) continue;
      const key = `${a}|${b}|${kind}`;
      if (this.seen.has(key) || this.seen.has(`${b}|${a}|${kind}`)) continue;
      this.seen.add(key);
      this.out.push({
        type: 'collaboration', a, b, kind, directed, date: f.plan ? null : f.date, evidence: f.text,
        provenance: { sentence: f.sentence, start: f.base, end: f.base + f.text.length }, confidence,
      });
    }
  }
}

export function collaborations(f: SentenceFacts): Relation[] {
  const kinds = f.kinds ?? kindsOf(f.text);
  if (kinds.length === 0) return [];
  const pairs = new Pairs(f, kinds);
  const inTitle = f.mentions.filter((m) => m.inTitle);
  const free = f.mentions.filter((m) => !m.inTitle);
  // an agreement named in a book title binds the parties named inside it
  if (inTitle.length >= 2 && /协议|合作/u.test(f.text)) for (let i = 1; i < inTitle.length; i++) pairs.add(inTitle[0].id, inTitle[i].id, false, 0.6);
  // A与B、C与D分别签订…: only the written pairs, not every combination of the list
  const chain = pairChain(f.text, free);
  for (let i = 0; i + 1 < chain.length; i += 2) pairs.add(chain[i].id, chain[i + 1].id, false, 0.8);
  // X医院(依托Y医院)：心血管 — the centre and the local hospital it is built on
  for (let i = 0; i + 1 < free.length; i++) {
    if (/^[(（]依托$/u.test(f.text.slice(free[i].end, free[i + 1].start)) && /^[)）]/u.test(f.text.slice(free[i + 1].end))) pairs.add(free[i].id, free[i + 1].id, false, 0.75, 'co-build');
  }
  const dashed = new Set<SentenceInstitution>();
  for (let i = 0; i + 1 < free.length; i++) {
    if (dashed.has(free[i]) || !DASH.test(f.text.slice(free[i].end, free[i + 1].start))) continue;
    pairs.add(free[i].id, free[i + 1].id, false, 0.75);
    dashed.add(free[i]).add(free[i + 1]);
  }
  const groups = enumerations(f.text, free.filter((m) => !chain.includes(m) && !dashed.has(m)));
  /** Groups that are the partner after 与 (A与B): not the actor of what the sentence goes on to say. */
  const partner: boolean[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const grp = groups[gi];
    const lead = f.text.slice(Math.max(0, grp[0].start - 24), grp[0].start);
    partner[gi] = gi > 0 && CONNECTOR.test(lead);
    const subjectGroup = gi > 0 ? groups[gi - 1] : undefined; // the group named just before
    const subject = subjectGroup ? subjectGroup[subjectGroup.length - 1].id : implicitFits(f.text, grp[0].start) ? f.implicitSubject : null;
    // a bracket right after a name (（以下简称宁河区医院）) is no part of what the sentence says of it
    const after = f.text.slice(grp[grp.length - 1].end).replace(/^[（(][^）)]{0,30}[）)]/u, '');
    const gap = subjectGroup ? f.text.slice(subjectGroup.at(-1)!.end, grp[0].start) : null;
    if (subjectGroup && /加入了?$/u.test(gap ?? '') && JOINS_LED.test(after)) {
      for (const m of subjectGroup) pairs.add(grp[0].id, m.id, false, 0.7); // 青县医院加入了沧州医院牵头的专科联盟
    } else if (subjectGroup && TAKES_OVER.test(gap ?? '') && /^的/u.test(after)) {
      for (const m of subjectGroup) pairs.add(grp[0].id, m.id, true, 0.65); // 岳阳二院承接湘江医院的下转患者
    } else if (subjectGroup && SENT_TO_WORK_AT.test(gap ?? '')) {
      for (const m of grp) pairs.add(subjectGroup.at(-1)!.id, m.id, true, 0.7); // A援派的专家团队在B完成手术
    } else if (/向$/u.test(lead) && SENT_TO.test(after) && (subjectGroup ? !/[，,；;。]/u.test(gap ?? '') : true)) {
      const sender = subjectGroup?.at(-1)?.id ?? subject;
      if (sender) for (const m of grp) pairs.add(sender, m.id, true, 0.7); // A向B派驻专家
    } else if (subjectGroup && BECOMES.test(gap ?? '') && BECOMES_WHAT.test(after)) {
      for (const m of subjectGroup) pairs.add(grp[0].id, m.id, false, 0.7); // 合水县医院、华池县医院成为陇原医院的协作医院
    } else if (HELPED_BY.test(after) && /在$/u.test(lead) && groups[gi + 1] && HELPED_NEXT.test(f.text.slice(grp.at(-1)!.end, groups[gi + 1][0].start))) {
      for (const m of grp) pairs.add(m.id, groups[gi + 1][0].id, true, 0.75); // 在A的支持下，B建成了…
    } else if (HELPED_BY.test(after) && /在$/u.test(lead)) {
      if (subject) for (const m of grp) pairs.add(m.id, subject, true, 0.75);
    } else if (gap === '由' && HELPS_AFTER.test(after)) {
      for (const m of grp) pairs.add(m.id, subject!, true, 0.7); // 商都县医院由积水潭医院和中医医院共同帮扶
    } else if (gap === '对' && HELPED_AFTER.test(after)) {
      for (const m of grp) pairs.add(subject!, m.id, true, 0.7); // 由A对B实行全面托管
    } else if (subjectGroup && (/依托$/u.test(lead) || DEPENDING.test(after)) && OUTPUT_HOSPITAL.test(f.text.slice(subjectGroup.at(-1)!.end))) {
      for (const m of grp) pairs.add(subjectGroup.at(-1)!.id, m.id, false, 0.7); // 以A为输出医院、依托B建设 / A作为输出医院、B作为依托医院
    } else if (subjectGroup && OUTPUT_HOSPITAL.test(after) && /^为依托/u.test(f.text.slice(subjectGroup.at(-1)!.end))) {
      for (const m of grp) pairs.add(m.id, subjectGroup.at(-1)!.id, false, 0.7); // 以B为依托、A为输出医院: the same pair written the other way round
    } else if (subjectGroup && LINKED_TO.test(lead) && !/[，,；;。]/u.test(gap ?? '，')) {
      for (const a of subjectGroup) for (const m of grp) pairs.add(a.id, m.id, false, 0.6); // B、C通过远程会诊平台接入A
    } else if (/为$/u.test(lead) && PROVIDED_FOR.test(after)) {
      const giver = subjectGroup?.at(-1)?.id ?? subject;
      if (giver) for (const m of grp) pairs.add(giver, m.id, true, 0.6); // A通过远程平台为B、C提供会诊
    } else if (/来自$/u.test(lead) && FROM_PEOPLE.test(after) && (subjectGroup || groups[gi + 1])) {
      const host = (subjectGroup ?? groups[gi + 1]).at(-1)!.id;
      for (const m of grp) pairs.add(m.id, host, true, 0.55); // 在B手术室里,来自A的专家团队正为患者手术
    } else if (/(通过|借助|依靠|依托)$/u.test(lead) && HELP_THROUGH.test(after) && (subjectGroup || subject)) {
      const helped = subjectGroup?.at(-1)?.id ?? subject!;
      for (const m of grp) pairs.add(m.id, helped, true, 0.6); // B正通过A“组团式”医疗帮扶…
    } else if (/(签约|受聘为?|聘为|担任)$/u.test(lead) && POST_AT.test(after) && gi > 0) {
      for (const g of groups.slice(0, gi)) for (const m of g) pairs.add(m.id, grp[0].id, true, 0.55); // A的某某、C的某某一起签约B首席专家
    } else if (/在$/u.test(lead) && WORKS_AT.test(after) && (SENDS.test(f.text.slice(0, grp[0].start)) || (subjectGroup && ITS_PEOPLE.test(gap ?? '')))) {
      const sender = subjectGroup?.at(-1)?.id ?? subject;
      if (sender) for (const m of grp) pairs.add(sender, m.id, true, 0.55); // A选派的专家将在B、C开展帮扶
    } else if (JOINING.test(lead) && !CONNECTOR.test(lead)) {
      const joiner = subjectGroup?.at(-1)?.id ?? subject;
      if (joiner) for (const m of grp) pairs.add(joiner, m.id, false, 0.6);
    } else if (ENROLLED.test(after) && /将$/u.test(lead)) {
      const owner = subjectGroup?.at(-1)?.id ?? subject;
      if (owner) for (const m of grp) pairs.add(owner, m.id, false, 0.6); // A牵头的医疗集团将B纳入成员单位
    } else if (RUN_BY.test(after) && /由[^，,；;。]{0,20}$/u.test(lead) && !subjectGroup) {
      if (f.implicitSubject) for (const m of grp) pairs.add(m.id, f.implicitSubject, true, 0.6);
    } else if (CONNECTOR.test(lead)) {
      // A与B…: the partner list starts right after the connector
      const subjects = subjectGroup && !/[，,；;：:]/u.test(f.text.slice(subjectGroup.at(-1)!.end, grp[0].start)) ? subjectGroup : null;
      if (subjects && /分别[与同跟和]$/u.test(lead) && subjects.length === grp.length && subjects.length > 1) {
        subjects.forEach((a, i) => pairs.add(a.id, grp[i].id, false, 0.8)); // A、B分别与C、D: A with C, B with D
      } else if (subjects) {
        for (const a of subjects) for (const m of grp) pairs.add(a.id, m.id, false, 0.8);
        // A与B、C两市签订协议 / A、B与C签订三方协议 / A与B、C、D签署协议: one agreement of several parties binds
        // every pair of them (分别 would say there are several agreements instead)
        const parties = [...subjects, ...grp];
        if (parties.length >= 3 && !/分别/u.test(lead) && (MANY_PARTIES.test(after) || SIGNS_TOGETHER.test(after))) {
          for (let i = 0; i < parties.length; i++) for (let j = i + 1; j < parties.length; j++) pairs.add(parties[i].id, parties[j].id, false, 0.7, 'agreement');
        }
      } else if (subject) for (const m of grp) pairs.add(subject, m.id, false, 0.6);
    } else if (grp.length >= 2 && TOGETHER.test(after)) {
      for (let i = 0; i < grp.length; i++) for (let j = i + 1; j < grp.length; j++) pairs.add(grp[i].id, grp[j].id, false, 0.7);
    } else if (subjectGroup && subjectGroup.length > 1 && subjectGroup.length === grp.length && RESPECTIVELY_HELPS.test(gap ?? '')) {
      subjectGroup.forEach((a, i) => pairs.add(a.id, grp[i].id, true, 0.75)); // A、B、C分别对口帮扶X、Y、Z: in order
    } else if (DIRECTED.test(lead) || /([到赴至]|前往|抵达|到达|奔赴)$/u.test(lead)) {
      // A与B签订协议，托管C: the partner after 与 is not who acts next, A is; a list before the verb acts as a whole
      const actors = subjectGroup && partner[gi - 1] && gi >= 2 ? groups[gi - 2].slice(-1) : subjectGroup && subjectGroup.length > 1 ? [...subjectGroup] : subject ? [{ id: subject }] : [];
      // A携手B帮扶C: the one that joins B acts too
      const joiner = gi >= 2 && subjectGroup && JOINING.test(f.text.slice(groups[gi - 2].at(-1)!.end, subjectGroup[0].start)) ? groups[gi - 2].at(-1) : undefined;
      if (joiner && actors.length) actors.push(joiner);
      for (const a of actors) pairs.add(a.id, grp.map((m) => m.id)[0], true, subjectGroup ? 0.75 : 0.55);
      for (const a of actors) for (const m of grp.slice(1)) pairs.add(a.id, m.id, true, subjectGroup ? 0.75 : 0.55);
    } else if (grp.length >= 2 && MUTUAL.test(after) && !/与|同$|跟|和$/u.test(lead.slice(-1))) {
      // A、B、C在廊坊签署协议 / A和B建立了远程会诊: a list that acts with no other party named is its own set of partners
      for (let i = 0; i < grp.length; i++) for (let j = i + 1; j < grp.length; j++) pairs.add(grp[i].id, grp[j].id, false, 0.65);
    } else if (JOINS_GROUP.test(after) && !groups[gi + 1]?.some((m) => m.start < grp[grp.length - 1].end + 16) && (subjectGroup ? !/[，,；;。]/u.test(gap ?? '') : true)) {
      // 兴和县医院、商都县医院整体纳入医共体: who leads the group is the sentence's subject (or the one named just before)
      const owner = subjectGroup?.at(-1)?.id ?? subject;
      if (owner) for (const m of grp) pairs.add(owner, m.id, false, 0.6);
    } else if (grp.length >= 2 && /成员|医联体|联盟/u.test(f.text.slice(grp[grp.length - 1].end)) && !SENT_BY_LIST.test(after)) {
      // A、B、C…成为D医联体成员单位: D is named after the list, or is the sentence's subject
      const named = /成为|加入|纳入/u.test(f.text) ? groups[gi + 1]?.[0]?.id : undefined;
      const owner = named ?? (/成为|加入|纳入/u.test(f.text) ? subject : null);
      if (owner) for (const m of grp) pairs.add(owner, m.id, false, 0.7);
      else for (const [a, b] of listPairs(grp.map((m) => m.id), f.provinceOf)) pairs.add(a, b, false, 0.5);
      if (named) gi++;
    }
  }
  const builder = free.find((m) => BUILDS.test(f.text.slice(m.end)));
  const operator = free.find((m) => m !== builder && RUNS.test(f.text.slice(m.end)) && /(交由|委托|由|、)$/u.test(f.text.slice(0, m.start)));
  if (builder && operator && kinds.includes('trusteeship')) pairs.add(builder.id, operator.id, false, 0.6); // 由A投资建设、B负责运营的新医院
  // B与该院签订协议: no second name in the sentence, the one referred back to is the partner
  const ref = pairs.out.length === 0 && f.implicitSubject ? REFERRED_PARTNER.exec(f.text) : null;
  const named = ref ? free.filter((m) => m.end <= ref.index).at(-1) : undefined;
  if (ref && named && !free.some((m) => m.start > ref.index)) pairs.add(named.id, f.implicitSubject!, false, 0.55);
  return pairs.out;
}

/**
 * The unnamed actor may stand in only where nothing else could be the subject: the clause opens
 * with the connector, a self-reference (医院, 我委) or one of the actor's own departments or teams.
 */
function implicitFits(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && !/[，,；;。：:]/u.test(text[i - 1])) i--;
  const prefix = text.slice(i, at).replace(/[与同跟和]$/u, '');
  return prefix.length <= 3 || /^(医院|我院|本院|我委|该院|该委|我们|院|这家|这所|该医院|该中心)/u.test(prefix) || /(科|中心|团队|专家|人才)/u.test(prefix);
}

/** The longest run A与B、C与D(、…) followed by 分别, as a flat list of pairs; empty when there is none. */
function pairChain(text: string, mentions: SentenceInstitution[]): SentenceInstitution[] {
  for (let i = 0; i + 3 < mentions.length; i++) {
    let j = i;
    while (j + 1 < mentions.length && PAIR_GAP.test(text.slice(mentions[j].end, mentions[j + 1].start))) {
      const next = mentions[j + 2];
      if (!next || !PAIR_SEP.test(text.slice(mentions[j + 1].end, next.start))) { j += 1; break; }
      j += 2;
    }
    if (j - i >= 3 && (j - i) % 2 === 1 && /^(之间)?分别/u.test(text.slice(mentions[j].end))) return mentions.slice(i, j + 1);
  }
  return [];
}

/** Mentions joined only by 、和及与 form one list. */
function enumerations(text: string, mentions: SentenceInstitution[]): SentenceInstitution[][] {
  const groups: SentenceInstitution[][] = [];
  for (const m of mentions) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    // no gap at all: the characters of one abbreviation compound (京津), each a party of its own
    if (last && prev && (prev.end === m.start || (ENUM_GAP.test(text.slice(prev.end, m.start)) && text[prev.end] !== '与'))) last.push(m);
    else groups.push([m]);
  }
  return commaLists(text, groups);
}

/**
 * Text dumps often print 、 as a comma (A,B,C和D等签订): groups one comma apart join into one list when
 * the run ends as a list does, with 和/及 before its last name or 等 after it.
 */
function commaLists(text: string, groups: SentenceInstitution[][]): SentenceInstitution[][] {
  if (groups.length < 2) return groups;
  const out: SentenceInstitution[][] = [];
  let run: SentenceInstitution[][] = [groups[0]];
  for (let i = 1; i < groups.length; i++) {
    if (/^[,，]$/u.test(text.slice(groups[i - 1].at(-1)!.end, groups[i][0].start))) run.push(groups[i]);
    else { flushRun(text, run, out); run = [groups[i]]; }
  }
  flushRun(text, run, out);
  return out;
}

/** A run of comma-joined groups: one list when it closes as a list does, else its groups as they were. */
function flushRun(text: string, run: SentenceInstitution[][], out: SentenceInstitution[][]): void {
  // three names in a row with nothing but commas between them are a list however it closes
  if (run.length > 1 && (run.length >= 3 || run.some((g) => g.length > 1 || /^(等|则?分别)/u.test(text.slice(g.at(-1)!.end))))) out.push(run.flat());
  else out.push(...run);
}

/**
 * A、B和C等医联体 with no owner named: members from different provinces are the partners (the
 * leading hospitals of one place with the member of another); with no such split, the first leads.
 */
export function listPairs(ids: string[], provinceOf?: (id: string) => string | null): [string, string][] {
  const prov = ids.map((id) => provinceOf?.(id) ?? null);
  const out: [string, string][] = [];
  if (prov.every((p) => p) && new Set(prov).size > 1) {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) if (prov[i] !== prov[j]) out.push([ids[i], ids[j]]);
    return out;
  }
  for (let j = 1; j < ids.length; j++) out.push([ids[0], ids[j]]);
  return out;
}
