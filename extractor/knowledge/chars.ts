// Character classes as lookup tables: scanners test one character (or every character of a short
// token) many times per sentence, and a typed-array read costs far less than a regex test on a
// freshly sliced one-character string. Tables are built on first use and give the regex's answer.

export interface CharClass {
  /** Does the code unit at `i` of `text` belong to the class? (Surrogate halves never do, as with a regex on text[i].) */
  at(text: string, i: number): boolean;
  /** Does any character of `word` belong to the class? Same answer as `re.test(word)`. */
  any(word: string): boolean;
}

/** A class given by a one-character regex (no flags other than u, no anchors). */
export function charClass(re: RegExp): CharClass {
  let table: Uint8Array | null = null;
  const build = () => {
    const t = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) if ((c < 0xd800 || c > 0xdfff) && re.test(String.fromCharCode(c))) t[c] = 1;
    return t;
  };
  return {
    at(text, i) {
      table ??= build();
      return table[text.charCodeAt(i)] === 1;
    },
    any(word) {
      table ??= build();
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff) return re.test(word); // astral characters (emoji): ask the regex
        if (table[c] === 1) return true;
      }
      return false;
    },
  };
}
