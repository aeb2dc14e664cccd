// URL patterns from callers (scope include/exclude, articlePatterns, listPatterns) run on RE2, whose time is
// linear in the URL: a pattern like (a+)+$ cannot freeze the process. RE2 has no backreferences or lookaround;
// such patterns are refused with RE2's reason when the options are validated.
import { RE2 } from 're2-wasm';

export interface UrlPattern {
  readonly source: string;
  test(url: string): boolean;
}

/** Compiles a caller's pattern for linear-time matching; throws a SyntaxError naming what RE2 cannot run. */
export function compilePattern(source: string): UrlPattern {
  const re = new RE2(source, 'u');
  return { source, test: (url) => re.test(url) };
}

/** Why this pattern is refused (not a regular expression, or not one RE2 runs), or null when it compiles. */
export function patternProblem(source: string): string | null {
  try {
    new RegExp(source, 'u');
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
  try {
    compilePattern(source);
    return null;
  } catch (e) {
    return `not a pattern that runs in linear time (RE2: no backreferences or lookaround): ${(e as Error).message}`;
  }
}
