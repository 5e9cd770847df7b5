// The dashboard's list of every commitment, dated or not, with the filters the address carries.
// Exposed as window.dashboardList; dashboard.js decides when to load and render it.
(function () {
  'use strict';

  var ui = window.trackerUi;
  var h = ui.h;
  var MAX_PAGES = 10;

  /** Filters the address may carry, besides asOf; each maps onto the API's CommitmentFilter. */
  var FILTERS = ['party', 'role', 'engagement', 'status', 'kind', 'verification', 'q'];
  var KIND_LABELS = { AGREEMENT: 'Agreement', PLEDGE: 'Pledge', REQUEST: 'Request', INVITATION: 'Invitation' };
  var ROLE_LABELS = { OBLIGOR: 'would act (obligor)', BENEFICIARY: 'for (beneficiary)', HOST: 'host' };
  var VERIFICATION_LABELS = { CORROBORATED: 'corroborated', CLAIMED: 'claimed', UNSOURCED: 'unsourced', DISPUTED: 'disputed' };

  var LIST = [
    'query DashboardList($asOf: Date!, $filter: CommitmentFilter, $after: String) {',
    '  commitments(asOf: $asOf, filter: $filter, first: 100, after: $after) {',
    '    totalCount pageInfo { hasNextPage endCursor }',
    '    nodes {',
    '      id title status nextDueDate kind',
    '      parties { role party { code name } }',
    '      decided: followUps(status: [DONE, MISSED, CANCELLED], first: 20) { nodes { verification } }',
    '      madeAt { id title heldOn }',
    '      all: followUps(first: 1) { totalCount }',
    '      overdue: followUps(status: [OVERDUE], first: 20) { totalCount nodes { reports { state reportedOn } } }',
    '    }',
    '  }',
    '}',
  ].join('\n');

  /**
   * The API filters what it can: a party as obligor (partyCodes) or in any role (involvingPartyCodes),
   * kind, engagement, status, words. A party as beneficiary or host, and verification, are narrowed
   * here from what it answers (see keep()).
   */
  function filterInput(filters) {
    var f = {};
    if (filters.party && filters.role === 'OBLIGOR') f.partyCodes = [filters.party];
    else if (filters.party) f.involvingPartyCodes = [filters.party];
    if (filters.kind) f.kinds = [filters.kind];
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
        var kept = nodes.filter(function (c) {
          return keep(c, filters);
        });
        return { totalCount: d.commitments.totalCount, fetched: nodes.length, nodes: kept, narrowed: kept.length !== nodes.length || narrowsHere(filters) };
      });
    }
    return page(1);
  }

  function narrowsHere(filters) {
    return !!filters.verification || (!!filters.party && (filters.role === 'BENEFICIARY' || filters.role === 'HOST'));
  }

  function keep(c, filters) {
    if (filters.party && filters.role && filters.role !== 'OBLIGOR') {
      var hasRole = c.parties.some(function (p) {
        return p.party.code === filters.party && p.role === filters.role;
      });
      if (!hasRole) return false;
    }
    if (filters.verification) {
      return c.decided.nodes.some(function (f) {
        return f.verification === filters.verification;
      });
    }
    return true;
  }

  function options(select, first, values, labels, chosen) {
    ui.replaceChildren(
      select,
      [option('', first, chosen)].concat(
        values.map(function (v) {
          return option(v, labels[v], chosen);
        }),
      ),
    );
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
    options(form.elements.role, 'any role', ['OBLIGOR', 'BENEFICIARY', 'HOST'], ROLE_LABELS, filters.role);
    options(form.elements.kind, 'any kind', ['AGREEMENT', 'PLEDGE', 'REQUEST', 'INVITATION'], KIND_LABELS, filters.kind);
    options(form.elements.verification, 'any verification', ['CORROBORATED', 'CLAIMED', 'UNSOURCED', 'DISPUTED'], VERIFICATION_LABELS, filters.verification);
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
    var parties = c.parties
      .map(function (p) {
        return p.party.code + (p.role === 'OBLIGOR' ? '' : ' (' + p.role.toLowerCase() + ')');
      })
      .join(', ');
    var verifications = c.decided.nodes
      .map(function (f) {
        return f.verification;
      })
      .filter(function (v, i, all) {
        return v && all.indexOf(v) === i;
      });
    return h('tr', { 'data-commitment': c.id, 'data-status': c.status }, [
      h('td', { class: 'c-title', 'data-label': 'Commitment' }, [h('a', { href: ui.commitmentHref(c.id), text: c.title })]),
      h('td', { 'data-label': 'Kind', 'data-kind': c.kind, text: KIND_LABELS[c.kind] || c.kind }),
      h('td', { 'data-label': 'Parties', text: parties || '—' }),
      h('td', { 'data-label': 'Status' }, [
        h('span', { class: 'badge status-' + c.status, text: ui.STATUS_LABELS[c.status] || c.status }),
        note ? h('span', { class: 'status-note', 'data-note': note === 'no report recorded' ? 'unreported' : 'reported', text: ' ' + note }) : null,
        verifications.length ? h('span', { class: 'verification', 'data-verification': verifications.join(' '), text: ' ' + verifications.map(function (v) { return VERIFICATION_LABELS[v]; }).join(', ') }) : null,
      ]),
      h('td', { 'data-label': 'Next due', text: c.nextDueDate || (c.status === 'UNDATED' ? 'no date set' : '—') }),
      h('td', { 'data-label': 'Follow-ups', text: String(c.all.totalCount) }),
      h('td', { 'data-label': 'Made at', text: c.madeAt ? (c.madeAt.heldOn ? c.madeAt.heldOn + ' · ' : '') + c.madeAt.title : '—' }),
    ]);
  }

  function render(list, asOf, countNode, body) {
    var shown = list.nodes.length;
    var noun = shown === 1 ? ' commitment' : ' commitments';
    if (list.narrowed) countNode.textContent = '(' + shown + noun + ' of the ' + list.fetched + ' the other filters match)';
    else if (list.totalCount === shown) countNode.textContent = '(' + shown + noun + ')';
    else countNode.textContent = '(first ' + shown + ' of ' + list.totalCount + ' commitments)';
    if (!shown) {
      ui.replaceChildren(body, [h('tr', {}, [h('td', { colspan: '7', class: 'empty', text: 'No commitment matches these filters.' })])]);
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
