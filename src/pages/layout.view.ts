import { html, Html } from './html';

export const PAGE_CSS = '/pages/page.css';

/** The frame of every server-rendered page: no inline script or style, so the CSP can forbid both. */
export function layout(o: { title: string; head?: Html; body: Html }): string {
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} — Follow-through tracker</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${PAGE_CSS}">
${o.head}
</head>
<body>
<header class="site"><a href="/dashboard">Follow-through tracker</a> <span class="muted">— all commitments on the dashboard</span></header>
<main>
${o.body}
</main>
</body>
</html>
`}`;
}

export function notFoundPage(what: string): string {
  return layout({
    title: 'Not found',
    body: html`<h1>Not found</h1>
<p>${what}</p>
<p><a href="/dashboard">See every commitment on the dashboard.</a></p>`,
  });
}

/** A page that only says what went wrong (bad address, busy database). */
export function messagePage(heading: string, message: string): string {
  return layout({ title: heading, body: html`<h1>${heading}</h1>\n<p>${message}</p>` });
}
