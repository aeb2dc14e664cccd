// Chinese text for the API's error messages. The API speaks English (it is also read by programs); a reader of
// the pages gets each known message in Chinese, and an unknown one with a Chinese lead and the original kept.

type Rule = [RegExp, (m: RegExpExecArray) => string];

const at = (n: string) => `（第 ${n} 个字符处）`;

const RULES: Rule[] = [
  [/queries are at most (\d+) characters|query longer than (\d+) characters/, (m) => `检索词最多 ${m[1] ?? m[2]} 个字符，请缩短。`],
  [/OR needs something to search on both sides \(character (\d+)\)/, (m) => `OR 的两边都需要检索词${at(m[1])}。`],
  [/AND needs something before it \(character (\d+)\)/, (m) => `AND 前面需要检索词${at(m[1])}。`],
  [/AND needs something after it \(character (\d+)\)/, (m) => `AND 后面需要检索词${at(m[1])}。`],
  [/NOT needs a word after it \(character (\d+)\)/, (m) => `NOT 后面需要检索词${at(m[1])}。`],
  [/unterminated quote opened at character (\d+)/, (m) => `引号没有闭合${at(m[1])}。`],
  [/unmatched "\)" at character (\d+)/, (m) => `多了一个右括号${at(m[1])}。`],
  [/"\(" at character (\d+) is never closed/, (m) => `左括号没有闭合${at(m[1])}。`],
  [/NEAR\( at character (\d+) is never closed/, (m) => `NEAR( 没有闭合${at(m[1])}。`],
  [/NEAR.*needs at least two words/, () => 'NEAR 至少需要两个词。'],
  [/NEAR distance must be at most (\d+)|n must be a number up to (\d+)/, (m) => `NEAR 的距离最大为 ${m[1] ?? m[2]}。`],
  [/the phrase at character (\d+) holds no words/, (m) => `引号中的短语没有可检索的词${at(m[1])}。`],
  [/nothing to search for in/, () => '没有可检索的词语（只有标点或运算符）。'],
  [/needs at least one word to look for, not only NOT|each side of OR needs a word/, () => '除了 NOT 排除的词，还需要至少一个要查找的词。'],
  [/query has (\d+) terms; at most (\d+)/, (m) => `检索式含 ${m[1]} 个词，最多 ${m[2]} 个。`],
  [/unexpected .* at character (\d+)/, (m) => `检索式有无法识别的内容${at(m[1])}。`],
  [/empty query/, () => '请输入检索词，或至少选择一个筛选条件。'],
  [/dates are YYYY, YYYY-MM or YYYY-MM-DD/, () => '日期格式应为“年”“年-月”或“年-月-日”。'],
  [/from (\S+) is after to (\S+)/, (m) => `起始日期 ${m[1]} 晚于截止日期 ${m[2]}。`],
  [/at most (\d+) items per page/, (m) => `每页最多 ${m[1]} 条。`],
  [/at most (\d+) values/, (m) => `每项筛选最多 ${m[1]} 个值。`],
  [/is not a valid name/, () => '名称只能包含文字、数字和 _ . -，最多 64 个字符。'],
  [/a saved search named "(.*)" exists/, (m) => `已有名为“${m[1]}”的订阅。`],
  [/no saved search named "(.*)"/, (m) => `没有名为“${m[1]}”的订阅。`],
  [/give words to search for, or at least one filter/, () => '请输入检索词，或至少选择一个筛选条件。'],
  [/needs `authorization: Bearer/, () => 'API 密钥不正确：请在“订阅提醒”页重新填写。'],
  [/mutations are disabled: the server was started without KG_API_KEY/, () => '服务器未设置 API 密钥（KG_API_KEY），不能保存或修改订阅。'],
  [/Unexpected error/, () => '服务器内部错误，请稍后重试。'],
];

/** The message in Chinese: a known message translated, an unknown one kept after a Chinese lead. */
export function chineseMessage(message: string): string {
  for (const [re, text] of RULES) {
    const m = re.exec(message);
    if (m) return text(m);
  }
  return `服务器返回：${message}`;
}
