import { externalLink, html, webUrl } from './html';

describe('html templates', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `<b onclick="x">'&`;
    expect(html`<p title="${evil}">${evil}</p>`.markup).toBe('<p title="&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;">&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;</p>');
  });

  it('keeps markup made by html itself, joins lists and drops null, undefined and false', () => {
    const items = ['a<', 'b'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.markup).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
  });
});

describe('externalLink', () => {
  it('links only absolute http(s) URLs, with rel="noopener noreferrer"', () => {
    expect(externalLink('https://example.org/x', 'X').markup).toBe('<a href="https://example.org/x" rel="noopener noreferrer">X</a>');
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>', 'JaVaScRiPt:alert(1)', '//evil.example', '/relative', 'vbscript:x', null]) {
      expect(webUrl(url)).toBeNull();
      expect(externalLink(url, 'T<').markup).toBe('T&lt;');
    }
  });
});
