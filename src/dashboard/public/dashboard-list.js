// The dashboard's list of every commitment, dated or not, with the filters the address carries.
// Exposed as window.dashboardList; dashboard.js decides when to load and render it.
(function () {
  'use strict';

  var ui = window.trackerUi;
  var h = ui.h;
  var MAX_PAGES = 10;

  /** Filters the address may carry, besides asOf; each maps onto the API's CommitmentFilter. */
  var FILTERS = ['party', 'engagement', 'status', 'q'];

  var LIST = [
    'query DashboardList($asOf: Date!, $filter: CommitmentFilter, $after: String) {',
    '  commitments(asOf: $asOf, filter: $filter, first: 100, after: $after) {',
    '    totalCount pageInfo { hasNextPage endCursor }',
    '    nodes {',
    '      id title status nextDueDate',
    '      responsibleParties { code name }',
    '      madeAt { id title heldOn }',
    '      all: followUps(first: 1) { totalCount }',
    '      overdue: followUps(status: [OVERDUE], first: 20) { totalCount nodes { reports { state reportedOn } } }',
    '    }',
    '  }',
    '}',
  ].join('\n');

  function filterInput(filters) {
    var f = {};
    if (filters.party) f.partyCodes = [filters.party];
    if (filters.engagement) f.engagementId = filters.engagement;
    if (filters.status) f.status = [filters.status];
    if (filters.q) f.search = filters.q;
    return f;
  }

  /** Every matching commitment, following pages up to MAX_PAGES of 100. */
  function load(asOf, filters) {
    var vars = { asOf: asOf, filter: filterInput(filters), after: null };
    var nodes = [];
    function page(n) {
      return ui.graphql(LIST, vars).then(function (d) {
        nodes = nodes.concat(d.commitments.nodes);
        var info = d.commitments.pageInfo;
        if (info.hasNextPage && n < MAX_PAGES) {
          vars.after = info.endCursor;
          return page(n + 1);
        }
        return { totalCount: d.commitments.totalCount, nodes: nodes };
      });
    }
    return page(1);
  }

  function option(value, text, selected) {
    return h('option', { value: value, text: text, selected: value === selected });
  }

  /** Fills the filter controls from the API's parties and engagements and sets them from the address. */
  function renderFilters(form, data, filters) {
    ui.replaceChildren(
      form.elements.party,
      [option('', 'any party', filters.party)].concat(
        data.parties.map(function (p) {
          return option(p.code, p.name + ' (' + p.code + ')', filters.party);
        }),
      ),
    );
    ui.replaceChildren(
      form.elements.engagement,
      [option('', 'any engagement', filters.engagement)].concat(
        data.engagements.nodes.map(function (e) {
          return option(e.id, (e.heldOn ? e.heldOn + ' · ' : '') + e.title, filters.engagement);
        }),
      ),
    );
    ui.replaceChildren(
      form.elements.status,
      [option('', 'any status', filters.status)].concat(
        ['OVERDUE', 'DUE_SOON', 'SCHEDULED', 'UNDATED', 'DONE', 'MISSED', 'CANCELLED'].map(function (s) {
          return option(s, ui.STATUS_LABELS[s], filters.status);
        }),
      ),
    );
    if (document.activeElement !== form.elements.q) form.elements.q.value = filters.q;
  }

  /** "no report recorded" only when none of its overdue follow-ups has any report on or before asOf. */
  function overdueNote(c, asOf) {
    var notes = c.overdue.nodes.map(function (f) {
      return ui.overdueNote(f.reports, asOf);
    });
    var reported = notes.filter(function (n) {
      return n !== 'no report recorded';
    });
    return reported.length ? reported[0] : 'no report recorded';
  }

  function row(c, asOf) {
    var note = c.status === 'OVERDUE' ? overdueNote(c, asOf) : null;
    var parties = c.responsibleParties
      .map(function (p) {
        return p.code;
      })
      .join(', ');
    return h('tr', { 'data-commitment': c.id, 'data-status': c.status }, [
      h('td', { class: 'c-title', 'data-label': 'Commitment' }, [h('a', { href: ui.commitmentHref(c.id), text: c.title })]),
      h('td', { 'data-label': 'Parties', text: parties || '—' }),
      h('td', { 'data-label': 'Status' }, [
        h('span', { class: 'badge status-' + c.status, text: ui.STATUS_LABELS[c.status] || c.status }),
        note ? h('span', { class: 'status-note', 'data-note': note === 'no report recorded' ? 'unreported' : 'reported', text: ' ' + note }) : null,
      ]),
      h('td', { 'data-label': 'Next due', text: c.nextDueDate || (c.status === 'UNDATED' ? 'no date set' : '—') }),
      h('td', { 'data-label': 'Follow-ups', text: String(c.all.totalCount) }),
      h('td', { 'data-label': 'Made at', text: c.madeAt ? (c.madeAt.heldOn ? c.madeAt.heldOn + ' · ' : '') + c.madeAt.title : '—' }),
    ]);
  }

  function render(list, asOf, countNode, body) {
    var shown = list.nodes.length;
    countNode.textContent =
      list.totalCount === shown
        ? '(' + shown + (shown === 1 ? ' commitment' : ' commitments') + ')'
        : '(first ' + shown + ' of ' + list.totalCount + ' commitments)';
    if (!shown) {
      ui.replaceChildren(body, [h('tr', {}, [h('td', { colspan: '6', class: 'empty', text: 'No commitment matches these filters.' })])]);
      return;
    }
    ui.replaceChildren(
      body,
      list.nodes.map(function (c) {
        return row(c, asOf);
      }),
    );
  }

  window.dashboardList = { FILTERS: FILTERS, load: load, render: render, renderFilters: renderFilters };
})();
