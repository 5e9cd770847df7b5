import { checkDate, globalIdList, latestPastDate, optionalHttpUrl, optionalText, requiredText } from './validate';
import { toGlobalId } from './global-id';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('input checks', () => {
  it('trims required text and refuses blank, over-long, or control-character text', () => {
    expect(requiredText('  a title ', 'input.title', { max: 10 })).toBe('a title');
    for (const bad of ['', '   ', 'x'.repeat(11), 'a\u0000b', 'a\nb', 'a\u001bb']) {
      expect(fieldOf(() => requiredText(bad, 'input.title', { max: 10 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.title' });
    }
  });

  it('allows line breaks and tabs in multi-line text but not NUL', () => {
    expect(requiredText('line 1\n\tline 2', 'input.note', { max: 100, multiline: true })).toBe('line 1\n\tline 2');
    expect(fieldOf(() => requiredText('a\u0000b', 'input.note', { max: 100, multiline: true })).field).toBe('input.note');
  });

  it('tells omitted (undefined) from cleared (null or blank) optional text', () => {
    expect(optionalText(undefined, 'f', { max: 5 })).toBeUndefined();
    expect(optionalText(null, 'f', { max: 5 })).toBeNull();
    expect(optionalText('  ', 'f', { max: 5 })).toBeNull();
  });

  it('accepts only absolute http and https URLs', () => {
    expect(optionalHttpUrl('https://www.dawn.com/news/1', 'input.url')).toBe('https://www.dawn.com/news/1');
    expect(optionalHttpUrl('http://example.com', 'input.url')).toBe('http://example.com');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.org', '//x.org', 'https://', 'file:///etc/passwd']) {
      expect(fieldOf(() => optionalHttpUrl(bad, 'input.url')).field).toBe('input.url');
    }
  });

  it('refuses dates before 1945, non-existent days, or dates after the latest allowed, naming the field', () => {
    const latest = latestPastDate('2026-03-10');
    expect(checkDate('2026-03-10', 'd', latest)).toBe('2026-03-10');
    for (const bad of ['1944-12-31', '2026-03-12', '2026-02-30']) {
      expect(fieldOf(() => checkDate(bad, 'd', latest)).field).toBe('d');
    }
    expect(fieldOf(() => checkDate('2201-01-01', 'asOf')).field).toBe('asOf');
  });

  it('parses and de-duplicates global ids of one type, refusing other types', () => {
    const a = toGlobalId('Source', 1);
    expect(globalIdList([a, a, toGlobalId('Source', 2)], 'Source', 'ids')).toEqual(['1', '2']);
    expect(fieldOf(() => globalIdList([toGlobalId('Party', 1)], 'Source', 'ids')).field).toBe('ids');
  });
});
