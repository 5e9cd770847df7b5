import { scriptJson } from '../ui/html';
import type { CommitmentPageData, PageCommitment, PageEvent, PageFollowUp, PageReport, PageSource } from './commitment-page.query';
import { externalLink, html, Html } from './html';
import { commitmentJsonLd } from './json-ld';
import { EVENT_LABELS, KIND_LABELS, label, REPORT_STATE_LABELS, ROLE_LABELS, SOURCE_KIND_LABELS, STANCE_LABELS, STATUS_LABELS, VERIFICATION_LABELS } from './labels';
import { layout } from './layout.view';
import { correctedIds, overdueNote } from './report-wording';

export interface PageLinks {
  /** Absolute URL of this page (canonical, JSON-LD). */
  page: string;
  /** Absolute URL of the tracker. */
  site: string;
  atom: string;
  csv: string;
  csvImport: string;
}

type Shown = CommitmentPageData & { commitment: PageCommitment };

function statusBadge(status: string, note?: string): Html {
  return html`<span class="status status-${status}" data-status="${status}">${label(STATUS_LABELS, status)}</span>${note ? html` <span class="status-note">${note}</span>` : ''}`;
}

function sourceLine(s: PageSource): Html {
  const who = [s.kind ? label(SOURCE_KIND_LABELS, s.kind) : null, s.affiliation ? `speaks for ${s.affiliation.name}` : null].filter(Boolean).join(', ');
  return html`${externalLink(s.url, s.title)}${s.outlet ? html`, <span class="outlet">${s.outlet}</span>` : ''}${
    s.publishedOn ? html`, <time datetime="${s.publishedOn}">${s.publishedOn}</time>` : ''
  }${who ? html` <span class="source-kind">(${who})</span>` : ''}`;
}

function verificationBadge(v: string | null | undefined): Html {
  return v ? html`<span class="verification verification-${v}" data-verification="${v}">${label(VERIFICATION_LABELS, v)}</span>` : html``;
}

function reportItem(r: PageReport, corrected: Set<string>, asOf: string): Html {
  const classes = ['report', corrected.has(r.id) ? 'corrected' : '', r.reportedOn > asOf ? 'after-as-of' : ''].filter(Boolean).join(' ');
  return html`<li class="${classes}" data-report="${r.id}">
  <span class="report-state state-${r.state}">${label(REPORT_STATE_LABELS, r.state)}</span>
  on <time datetime="${r.reportedOn}">${r.reportedOn}</time>${corrected.has(r.id) ? ' (corrected by a later report; no longer counts)' : ''}${
    r.reportedOn > asOf ? ' (after the date shown)' : ''
  }${r.note ? html` — <span class="note">${r.note}</span>` : ''}
  <div class="report-verification">Verification: ${verificationBadge(r.verification)}</div>
  ${r.evidence.length
    ? html`<ul class="evidence">${r.evidence.map((e) => html`<li data-stance="${e.stance}"><span class="stance stance-${e.stance}">${label(STANCE_LABELS, e.stance)}</span> ${sourceLine(e.source)}${e.note ? html` — <span class="note">${e.note}</span>` : ''}</li>`)}</ul>`
    : html`<div class="evidence muted">No evidence recorded.</div>`}
</li>`;
}

function followUpItem(f: PageFollowUp, asOf: string, today: string): Html {
  const note = f.status === 'OVERDUE' ? overdueNote(f.reports, asOf) : undefined;
  const corrected = correctedIds(f.reports);
  return html`<li class="follow-up" id="${f.id}" data-follow-up="${f.id}">
  <h3>${f.title}</h3>
  <p>${statusBadge(f.status, note)}${f.verification ? html` ${verificationBadge(f.verification)}` : ''}${f.daysOverdue != null ? html` <span class="days-overdue">${f.daysOverdue} ${f.daysOverdue === 1 ? 'day' : 'days'} overdue</span>` : ''}${
    asOf !== today ? html` <span class="muted">(today: ${label(STATUS_LABELS, f.statusToday)})</span>` : ''
  }</p>
  <p class="due">${f.dueDate ? html`Due <time datetime="${f.dueDate}">${f.dueDate}</time>` : 'No due date'}${
    f.completedOn ? html` · completed <time datetime="${f.completedOn}">${f.completedOn}</time>` : ''
  }</p>
  ${f.reports.length
    ? html`<h4>Reports (${f.reports.length})</h4><ol class="reports">${f.reports.map((r) => reportItem(r, corrected, asOf))}</ol>`
    : html`<p class="muted">No progress report recorded.</p>`}
</li>`;
}

/** Before → after for each edited field, as text; anything unexpected is shown as its JSON. */
function eventDetails(e: PageEvent, sourceTitles: Map<string, string>): string {
  const d = e.details ?? {};
  if (e.kind === 'EVIDENCE_ADDED') {
    const title = sourceTitles.get(String(d.sourceId));
    return `${label(STANCE_LABELS, String(d.stance ?? ''))} the report${title ? `: “${title}”` : ''}${d.note ? ` (${d.note})` : ''}`;
  }
  if (e.kind === 'KIND_CHANGED') return `${label(KIND_LABELS, String(d.before ?? '')).split(' (')[0]} → ${label(KIND_LABELS, String(d.after ?? '')).split(' (')[0]}`;
  if (e.kind === 'STATUS_CHANGED') {
    return `${e.followUp ? `${e.followUp.title}: ` : ''}${label(STATUS_LABELS, e.previousStatus) || 'new'} → ${label(STATUS_LABELS, e.status)}`;
  }
  if (e.kind === 'PROGRESS_REPORTED' || e.kind === 'REPORT_CORRECTED') {
    const what = `${label(REPORT_STATE_LABELS, String(d.state ?? ''))}${d.reportedOn ? ` on ${d.reportedOn}` : ''}`;
    return `${e.followUp ? `${e.followUp.title}: ` : ''}${what}${d.supersedes ? ' (a correction)' : ''}`;
  }
  if (e.kind === 'CREATED') return `with status ${label(STATUS_LABELS, e.status)}`;
  return Object.entries(d)
    .filter(([key]) => key !== 'version')
    .map(([key, v]) => {
      const change = v as { before?: unknown; after?: unknown } | null;
      if (change && typeof change === 'object' && 'after' in change) return `${key}: ${show(change.before)} → ${show(change.after)}`;
      return `${key}: ${show(v)}`;
    })
    .join('; ');
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  return typeof v === 'string' ? `“${v}”` : JSON.stringify(v);
}

function historyItem(e: PageEvent, sourceTitles: Map<string, string>): Html {
  return html`<li data-kind="${e.kind}"><time datetime="${e.occurredAt}">${e.occurredAt.slice(0, 16).replace('T', ' ')} UTC</time>
  <strong>${label(EVENT_LABELS, e.kind)}</strong> <span class="muted">by ${e.actor}</span> <span class="event-details">${eventDetails(e, sourceTitles)}</span></li>`;
}

function facts(data: Shown): Html {
  const c = data.commitment;
  const e = c.madeAt;
  return html`<dl class="facts">
  <dt>Status as of ${data.asOf}</dt><dd>${statusBadge(c.status)}${data.asOf !== data.today ? html` <span class="muted">(today, ${data.today}: ${label(STATUS_LABELS, c.statusToday)})</span>` : ''}</dd>
  <dt>Kind</dt><dd data-kind="${c.kind}">${label(KIND_LABELS, c.kind)}</dd>
  ${(['OBLIGOR', 'BENEFICIARY', 'HOST'] as const).map((role) => {
    const ps = c.parties.filter((p) => p.role === role);
    return ps.length ? html`<dt>${label(ROLE_LABELS, role)}</dt><dd data-role="${role}">${ps.map((p, i) => html`${i ? ', ' : ''}${p.party.name} (${p.party.code})`)}</dd>` : '';
  })}
  ${e ? html`<dt>Made at</dt><dd>${e.title}${e.heldOn ? html`, <time datetime="${e.heldOn}">${e.heldOn}</time>` : ''}${e.location ? `, ${e.location}` : ''}</dd>` : ''}
  ${c.recurrence ? html`<dt>Recurs</dt><dd><code>${c.recurrence}</code></dd>` : ''}
  <dt>Next due</dt><dd>${c.nextDueDate ?? 'nothing open with a date'}</dd>
  <dt>Record</dt><dd>version ${c.version}, last changed ${c.updatedAt.slice(0, 10)}${c.externalId ? html`; external id <code>${c.externalId}</code>` : ''}</dd>
</dl>`;
}

/** Titles of every source the page knows (citations, evidence), by id, for the history's sentences. */
function sourceTitles(c: PageCommitment): Map<string, string> {
  const all = [...c.sources.map((s) => s.source), ...c.followUps.flatMap((f) => f.reports.flatMap((r) => r.evidence.map((e) => e.source)))];
  return new Map(all.map((s) => [s.id, s.title]));
}

export function commitmentPage(data: Shown, links: PageLinks): string {
  const c = data.commitment;
  const head = html`<link rel="canonical" href="${links.page}">
<link rel="alternate" type="application/atom+xml" title="Changes to this commitment" href="${links.atom}">
<script type="application/ld+json">${new Html(scriptJson(commitmentJsonLd(data, links)))}</script>`;
  const body = html`<article class="commitment" data-commitment="${c.id}" data-as-of="${data.asOf}">
<h1>${c.title}</h1>
${c.description ? html`<p class="lede">${c.description}</p>` : ''}
${facts(data)}
<form class="as-of" method="get" action="">
  <label for="as-of">Show as of</label> <input type="date" id="as-of" name="asOf" value="${data.asOf}" required>
  <button type="submit">Show</button> ${data.asOf !== data.today ? html`<a href="?">today</a>` : ''}
</form>

<section id="follow-ups" aria-labelledby="follow-ups-title">
<h2 id="follow-ups-title">Follow-ups (${c.followUps.length})</h2>
${c.followUps.length ? html`<ol class="follow-ups">${c.followUps.map((f) => followUpItem(f, data.asOf, data.today))}</ol>` : html`<p class="muted">No follow-ups.</p>`}
</section>

<section id="sources" aria-labelledby="sources-title">
<h2 id="sources-title">Sources (${c.sources.length})</h2>
${c.sources.length
  ? html`<ul class="sources">${c.sources.map((s) => html`<li data-stance="${s.stance}"><span class="stance stance-${s.stance}">${label(STANCE_LABELS, s.stance)}</span> ${sourceLine(s.source)}${s.note ? html` — <span class="note">${s.note}</span>` : ''}</li>`)}</ul>`
  : html`<p class="muted">No sources cited.</p>`}
</section>

<section id="history" aria-labelledby="history-title">
<h2 id="history-title">History (${c.history.length} ${c.history.length === 1 ? 'event' : 'events'})</h2>
<ol class="timeline">${c.history.map((e) => historyItem(e, sourceTitles(c)))}</ol>
</section>

<footer class="links">
  <a href="${links.atom}" type="application/atom+xml">Atom feed of its changes</a>
  · <a href="${links.csv}">its follow-ups as CSV</a>
  · <a href="${links.csvImport}">in the import layout</a>
  · <span class="cite">Cite as: <span class="url">${links.page}</span></span>
</footer>
</article>`;
  return layout({ title: c.title, head, body });
}
