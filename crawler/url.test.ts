import { describe, expect, it } from 'vitest';
import { canonicalUrl, Scope } from './url.ts';

describe('canonicalUrl', () => {
  it('drops the fragment, tracking parameters and default port, sorts the query, lowercases the host', () => {
    expect(canonicalUrl('HTTP://News.Example.COM:80/a/b.html?b=2&utm_source=x&spm=1.2&a=1&from=timeline#top')).toBe(
      'http://news.example.com/a/b.html?a=1&b=2',
    );
    expect(canonicalUrl('https://example.com:443/x?utm_medium=y')).toBe('https://example.com/x');
    expect(canonicalUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
  });

  it('resolves relative links and dot segments, keeps path case, refuses non-http schemes', () => {
    expect(canonicalUrl('../c/D.html', 'http://a.test/x/y/z.html')).toBe('http://a.test/x/c/D.html');
    expect(canonicalUrl('javascript:void(0)', 'http://a.test/')).toBeNull();
    expect(canonicalUrl('mailto:x@a.test')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('makes equal the same page reached with different parameter orders', () => {
    expect(canonicalUrl('http://a.test/l?page=2&id=9')).toBe(canonicalUrl('http://a.test/l?id=9&page=2#x'));
  });
});

describe('Scope', () => {
  it('defaults to the seeds\' hosts', () => {
    const s = new Scope({ allow: [], include: [], exclude: [] }, ['http://a.test/news/']);
    expect(s.check('http://a.test/other').ok).toBe(true);
    expect(s.check('http://b.test/').ok).toBe(false);
  });

  it('applies subdomains, path prefixes, include and exclude patterns', () => {
    const s = new Scope({ allow: ['*.gov.test/xinwen/'], include: ['\\.html?$'], exclude: ['/print/'] }, []);
    expect(s.check('http://www.gov.test/xinwen/a.html')).toEqual({ ok: true });
    expect(s.check('http://gov.test/xinwen/a.html').ok).toBe(true);
    expect(s.check('http://www.gov.test/other/a.html').ok).toBe(false);
    expect(s.check('http://www.gov.test/xinwen/a.pdf')).toEqual({ ok: false, reason: 'matches no include pattern' });
    expect(s.check('http://www.gov.test/xinwen/print/a.html').ok).toBe(false);
  });
});
