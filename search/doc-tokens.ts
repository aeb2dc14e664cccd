// The embedded index's token columns for one document: the slow part of indexing (normalisation and
// jieba), shared by the indexing thread and the tokenizer worker (tokenizer-pool.ts).
import { grams, normalize, searchWords } from './text.ts';

export interface DocText {
  title: string;
  body: string;
}

export interface DocTokens {
  /** Character bigrams of the normalised title, space-joined. */
  title: string;
  /** Character bigrams of the normalised body, space-joined. */
  body: string;
  /** jieba cut-for-search words of both. */
  words: string;
}

export function docTokens(d: DocText): DocTokens {
  const title = normalize(d.title);
  const body = normalize(d.body);
  return { title: grams(title).join(' '), body: grams(body).join(' '), words: searchWords(`${title}\n${body}`) };
}
