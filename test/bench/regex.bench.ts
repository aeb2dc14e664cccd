// Caller-supplied URL patterns: the backtracking engine against RE2 (crawler/pattern.ts) on the audit's pattern.
// Prints times; asserts nothing. `npx tsx test/bench/regex.bench.ts`
import { compilePattern } from '../../crawler/pattern.ts';

const PATTERN = '(a+)+$';
const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
compilePattern(PATTERN).test('warm-up');
for (const n of [16, 18, 20, 22, 24]) {
  const url = `http://x.test/${'a'.repeat(n)}!`;
  const js = time(() => new RegExp(PATTERN).test(url));
  const re2 = compilePattern(PATTERN);
  console.log(`${n} a's: RegExp ${js.toFixed(1)} ms, RE2 ${time(() => re2.test(url)).toFixed(3)} ms`);
}
const long = `http://x.test/${'a'.repeat(100_000)}!`;
console.log(`RE2 on a 100,000-character URL: ${time(() => compilePattern(PATTERN).test(long)).toFixed(1)} ms`);
