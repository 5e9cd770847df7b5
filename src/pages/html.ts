/**
 * HTML built from templates in which every interpolated value is text: `html` escapes whatever it
 * is given unless it is already Html (made by `html` itself), so data from the API can never reach
 * a page as markup. There is no way to mark a string as trusted other than writing it in a template.
 */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeText(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Html(out);
}

/** The URL when it is an absolute http(s) URL, else null: nothing else may become a link. */
export function webUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A link to somewhere else on the web, or the URL as plain text when it is not http(s). Outgoing
 * links never tell the target who sent the reader, nor give it a handle on this page.
 */
export function externalLink(url: string | null | undefined, text: string): Html {
  const safe = webUrl(url);
  if (!safe) return html`${text}`;
  return html`<a href="${safe}" rel="noopener noreferrer">${text}</a>`;
}
