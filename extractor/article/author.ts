// The writer or reporter, never the editor. Read from bylines (本报记者 王黛, 文/栗思, 作者：宋怡
// 杨志华, 文丨政能亮特约评论员 韩涵, 石佳/中国青年报) in the header zone, the first paragraphs and
// the lines after the body, and from the dateline credit inside the first paragraph (（记者邹伟）).
import { parseDateText } from './date.ts';

const HAN_NAME = '[\\p{Script=Han}·]{2,4}';
// Names separated by spaces or 、 ; single characters allowed so padded names (方 敏) can be rejoined.
const NAMES = `((?:[\\p{Script=Han}·]{1,4})(?:[ 、，,]+[\\p{Script=Han}·]{1,4}){0,5})`;
// After 作者： a department may sign (党委宣传部, 远程医学中心): longer names are taken there.
const LABELLED_NAMES = `((?:[\\p{Script=Han}·]{1,8})(?:[ 、，,]+[\\p{Script=Han}·]{1,8}){0,5})`;
// Words that are never part of a name list.
const NOT_NAME = /来源|发布|时间|日期|编辑|责编|分享|记者|通讯员|报道|日报|新闻|评论员|摄影|供图|发自|关注|举报|字号|原创|本报|本网|实习生|作者|综合|整合|整理|编译|图片|视频/;
// Editor credits end a byline: 作者：刘满仓 责任编辑：杨丹宇.
const EDITOR = /[\s[【(（|｜]*(?:责任编辑|责编|编辑|审核|校对|监制|来源|稿源|发布时间|发布日期|时间|日期)\s*[:：].*$/;
// A name list ends at the line's end, a space, a closing bracket or a separator (记者：您好。 is no byline).
const NAME_END = '(?=$|[\\s\\]】)）|｜,，/／])';
// Roles between a byline label and the name: 政能亮特约评论员, 中青报·中青网记者, 新华社记者.
const ROLE = '(?:[\\p{Script=Han}·]{0,14}?(?:特约)?(?:记者|通讯员|评论员|撰稿人|观察员|研究员|实习生))?';

const LABELLED = new RegExp(`(?:作者|撰稿|撰文|执笔|记者|(?:^|[\\s[【(（|｜])(?:文字|文))\\s*[:：/／丨|｜]\\s*${ROLE}\\s*${LABELLED_NAMES}${NAME_END}`, 'u');
const SPACED_LABEL = new RegExp(`^(?:《[^》]{1,20}》|[\\p{Script=Han}]{0,10})作者\\s+${NAMES}$`, 'u');
const BYLINE = new RegExp(`^[□■●◆]?\\s*[\\p{Script=Han}·]{0,14}?(?:特约|见习|实习)?(?:记者|通讯员)\\s*${NAMES}$`, 'u');
const NAME_SLASH_PUBLISHER = new RegExp(`^(${HAN_NAME}(?:[ 、]+${HAN_NAME}){0,3})\\s*[/／]\\s*[\\p{Script=Han}·]{2,12}(?:报|社|网|台|刊)$`, 'u');
const DATELINE_CREDIT = new RegExp(`[（(]\\s*(?:[\\p{Script=Han}]{0,8}?)(?:记者|通讯员)\\s*${NAMES}\\s*[）)]`, 'u');

/** A clean list of names ("王乐文 方敏"), or null when the match is not names. */
export function cleanNames(raw: string): string | null {
  const tokens = raw.split(/[ 、，,]+/).filter(Boolean);
  // Padding inside a two-character name: 方 敏 → 方敏.
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].length === 1 && tokens[i + 1]?.length === 1) {
      names.push(tokens[i] + tokens[i + 1]);
      i++;
    } else names.push(tokens[i]);
  }
  const kept: string[] = [];
  for (const n of names) {
    if (n.length < 2 || NOT_NAME.test(n)) break;
    kept.push(n);
  }
  return kept.length ? kept.join(' ') : null;
}

/** Strips what follows a byline on the same line: 发自北京, /文, 摄, 受访者供图, 来源：…, 编辑：…. */
function bylinePart(t: string): string {
  return t
    .replace(EDITOR, '')
    .replace(/\s*(?:发自|报道|摄|[/／]\s*文|[/／]\s*图).*$/, '')
    .replace(/[\]】)）]+\s*$/, '')
    .trim();
}

export function findAuthor(lines: string[]): string | null {
  for (const line of lines) {
    const t = line.trim();
    if (t.length > 100 || /^[【\[(（]?\s*(?:责任编辑|责编|编辑)\s*[:：]/.test(t)) continue;
    // A labelled name list ends by itself at the next label (作者：李明 责任编辑：…); a bare byline
    // is read from the line with its trailing credits cut off.
    const part = bylinePart(t);
    const m =
      LABELLED.exec(t) ??
      (part.length <= 40 ? (SPACED_LABEL.exec(part) ?? BYLINE.exec(part) ?? NAME_SLASH_PUBLISHER.exec(part)) : null);
    const names = m ? cleanNames(m[1]) : null;
    if (names) return names;
  }
  return null;
}

/** The reporter named in a dateline credit inside a paragraph: 新华社乌鲁木齐5月9日电（记者邹伟）. */
export function creditAuthor(paragraphs: string[]): string | null {
  for (const p of paragraphs) {
    const m = DATELINE_CREDIT.exec(p.slice(0, 200));
    const names = m ? cleanNames(m[1]) : null;
    if (names) return names;
  }
  return null;
}

/** A bracketed name on the header's date line, as older portals print it: 2004年7月16日08:19 [ 黄宇 ] 来源：…. */
export function bracketAuthor(header: string[]): string | null {
  for (const t of header) {
    if (t.length > 100 || parseDateText(t) === null) continue;
    const m = /[[【]\s*([\p{Script=Han}·]{2,4}(?:\s+[\p{Script=Han}·]{2,4}){0,2})\s*[\]】]/u.exec(t.replace(/(?:来源|稿源|出处)\s*[:：]\s*[[【][^\]】]*[\]】]/g, ''));
    const names = m ? cleanNames(m[1]) : null;
    if (names) return names;
  }
  return null;
}
