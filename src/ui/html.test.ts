import { scriptJson } from './html';

describe('scriptJson', () => {
  it('writes JSON that no string inside it can end the surrounding <script> element', () => {
    const text = scriptJson({ query: '</script><script>alert(1)</script><!--', sep: '\u2028' });
    expect(text).not.toMatch(/<\/?script|<!--|\u2028/);
    expect(JSON.parse(text)).toEqual({ query: '</script><script>alert(1)</script><!--', sep: '\u2028' });
  });
});
