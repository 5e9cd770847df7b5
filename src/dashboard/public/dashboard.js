// The follow-through dashboard: plain browser JavaScript, no build step. Reads the API over HTTP,
// listens to Subscription.commitmentEvents over graphql-ws (window.graphqlWs, served by the server)
// and reloads whenever anything changes.
(function () {
  'use strict';

  var ui = window.trackerUi;
  var h = ui.h;
  var replaceChildren = ui.replaceChildren;
  var graphql = ui.graphql;
  var ENDPOINT = ui.ENDPOINT;
  var STATUSES = ['OVERDUE', 'DUE_SOON', 'SCHEDULED', 'UNDATED', 'DONE', 'MISSED', 'CANCELLED'];
  var LABELS = ui.STATUS_LABELS;
  var MAX_TIMELINE_PAGES = 20;

  var SERVER_TODAY = 'query DashboardToday { followThrough { asOf } }';
  var TIMELINE_FIELDS = 'pageInfo { hasNextPage endCursor } nodes { id title dueDate status commitment { title } }';
  var DASHBOARD = [
    'query Dashboard($asOf: Date!, $from: Date!, $to: Date!) {',
    '  followThrough(asOf: $asOf) { asOf total dueFollowUps doneOnTime doneLate unreported onTimeRate corroboratedOnTimeRate byStatus { status count } }',
    '  parties { code name }',
    '  engagements(first: 100) { nodes { id title heldOn } }',
    '  overdue: followUps(asOf: $asOf, filter: { status: [OVERDUE] }, first: 100) {',
    '    totalCount',
    '    nodes {',
    '      id title dueDate daysOverdue reports { state reportedOn }',
    '      commitment { id title responsibleParties { code name } sources { stance source { title outlet url } } }',
    '    }',
    '  }',
    '  timeline: followUps(asOf: $asOf, filter: { dueAfter: $from, dueBefore: $to }, first: 100) { ' + TIMELINE_FIELDS + ' }',
    '}',
  ].join('\n');
  var TIMELINE_PAGE = [
    'query DashboardTimeline($asOf: Date!, $from: Date!, $to: Date!, $after: String!) {',
    '  timeline: followUps(asOf: $asOf, filter: { dueAfter: $from, dueBefore: $to }, first: 100, after: $after) { ' + TIMELINE_FIELDS + ' }',
    '}',
  ].join('\n');

  var el = function (id) {
    return document.getElementById(id);
  };

  // ---- dates (YYYY-MM-DD strings, UTC arithmetic: calendar dates have no time zone) ----
  function parseDate(d) {
    return new Date(d + 'T00:00:00Z');
  }
  function formatDate(date) {
    return date.toISOString().slice(0, 10);
  }
  function addMonths(d, months) {
    var date = parseDate(d);
    return formatDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
  }
  function monthKey(d) {
    return d.slice(0, 7);
  }
  function lastDayOfMonth(firstOfMonth) {
    var date = parseDate(firstOfMonth);
    return formatDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)));
  }
  function monthLabel(firstOfMonth, isFirstColumn) {
    var date = parseDate(firstOfMonth);
    // January (and the first column) carry the year on a second line.
    var month = date.toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
    return month + '\n' + (date.getUTCMonth() === 0 || isFirstColumn ? date.getUTCFullYear() : '');
  }

  // ---- state ----
  var list = window.dashboardList;
  var filtersForm = el('filters');

  // ---- the view lives in the address: ?asOf=…&party=…, or #asOf=…&party=… (a link may use either) ----
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    new URLSearchParams(window.location.hash.replace(/^#/, '')).forEach(function (v, k) {
      params.set(k, v);
    });
    var filters = {};
    list.FILTERS.forEach(function (k) {
      filters[k] = params.get(k) || '';
    });
    return { asOf: params.get('asOf') || null, filters: filters };
  }
  function writeAddress() {
    var params = new URLSearchParams();
    if (chosenAsOf) params.set('asOf', chosenAsOf);
    list.FILTERS.forEach(function (k) {
      if (filters[k]) params.set(k, filters[k]);
    });
    var qs = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (qs ? '?' + qs : ''));
  }

  var address = readAddress();
  var chosenAsOf = address.asOf;
  var filters = address.filters;
  var loading = null;
  var reloadAgain = false;
  var shownAsOf = null;

  function currentAsOf() {
    if (chosenAsOf) return Promise.resolve(chosenAsOf);
    return graphql(SERVER_TODAY).then(function (d) {
      return d.followThrough.asOf;
    });
  }

  /** The rest of the timeline when it has more than one page (MAX_TIMELINE_PAGES at most). */
  function restOfTimeline(vars, first) {
    var nodes = first.nodes;
    function page(info, n) {
      if (!info.hasNextPage || n >= MAX_TIMELINE_PAGES) return Promise.resolve(nodes);
      var v = { asOf: vars.asOf, from: vars.from, to: vars.to, after: info.endCursor };
      return graphql(TIMELINE_PAGE, v).then(function (d) {
        nodes = nodes.concat(d.timeline.nodes);
        return page(d.timeline.pageInfo, n + 1);
      });
    }
    return page(first.pageInfo, 1);
  }

  /** One reload at a time; changes that arrive during one trigger exactly one more. */
  function reload() {
    if (loading) {
      reloadAgain = true;
      return loading;
    }
    loading = currentAsOf()
      .then(function (asOf) {
        var vars = { asOf: asOf, from: addMonths(asOf, -12), to: lastDayOfMonth(addMonths(asOf, 12)) };
        var shownFilters = Object.assign({}, filters);
        return Promise.all([graphql(DASHBOARD, vars), list.load(asOf, shownFilters)]).then(function (answers) {
          var data = answers[0];
          return restOfTimeline(vars, data.timeline).then(function (timeline) {
            render(asOf, vars.from, data, timeline);
            list.renderFilters(filtersForm, data, shownFilters);
            list.render(answers[1], asOf, el('list-count'), el('list-body'));
            document.body.setAttribute('data-filters', new URLSearchParams(shownFilters).toString());
          });
        });
      })
      .then(
        function () {
          el('error').hidden = true;
        },
        function (err) {
          el('error').textContent = 'Could not load the data: ' + err.message;
          el('error').hidden = false;
        },
      )
      .then(function () {
        loading = null;
        if (reloadAgain) {
          reloadAgain = false;
          reload();
        }
      });
    return loading;
  }

  // ---- rendering ----
  function render(asOf, from, data, timeline) {
    el('as-of').value = asOf;
    el('counts-as-of').textContent = 'as of ' + asOf;
    el('csv-link').setAttribute('href', '/export/commitments.csv?asOf=' + asOf);
    renderCounts(data.followThrough);
    renderHeadline(data.followThrough, asOf);
    renderTimeline(asOf, from, timeline);
    renderOverdue(data.overdue);
    el('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
    document.body.setAttribute('data-as-of', asOf);
  }

  function renderCounts(ft) {
    var byStatus = {};
    ft.byStatus.forEach(function (s) {
      byStatus[s.status] = s.count;
    });
    replaceChildren(
      el('counts'),
      STATUSES.map(function (s) {
        return h('div', { class: 'count status-' + s, 'data-status': s }, [
          h('span', { class: 'count-number', text: String(byStatus[s] || 0) }),
          h('span', { class: 'count-label', text: LABELS[s] }),
        ]);
      }),
    );
    el('counts-total').textContent = '(' + ft.total + (ft.total === 1 ? ' commitment' : ' commitments') + ')';
  }

  /** The follow-through headline, in follow-ups (not commitments), with what nobody has recorded said apart. */
  function renderHeadline(ft, asOf) {
    if (!ft.dueFollowUps) {
      el('summary').textContent = 'No follow-up was due before ' + asOf + ', so there is no follow-through to measure yet.';
      return;
    }
    var pct = function (rate) {
      return rate === null ? 'n/a' : Math.round(rate * 100) + '%';
    };
    var unreported = ft.unreported;
    var parts = [
      ft.dueFollowUps + (ft.dueFollowUps === 1 ? ' follow-up was' : ' follow-ups were') + ' due before ' + asOf + ' (cancelled ones aside).',
      ft.doneOnTime + ' reported done on time (' + pct(ft.onTimeRate) + '; ' + pct(ft.corroboratedOnTimeRate) + ' counting only reports an independent source corroborates), ' + ft.doneLate + ' done late.',
      unreported + (unreported === 1 ? ' has' : ' have') + ' no report recorded: nobody has recorded what happened, either way.',
    ];
    el('summary').textContent = parts.join(' ');
    el('summary').setAttribute('data-unreported', String(unreported));
  }

  function renderLegend() {
    replaceChildren(
      el('legend'),
      STATUSES.filter(function (s) {
        return s !== 'UNDATED';
      }).map(function (s) {
        return h('span', { class: 'legend-item' }, [h('span', { class: 'chip status-' + s }), LABELS[s]]);
      }),
    );
  }

  function renderTimeline(asOf, from, followUps) {
    var byMonth = {};
    followUps.forEach(function (f) {
      (byMonth[monthKey(f.dueDate)] = byMonth[monthKey(f.dueDate)] || []).push(f);
    });
    var columns = [];
    for (var i = 0; i < 25; i++) {
      var first = addMonths(from, i);
      var items = (byMonth[monthKey(first)] || []).map(function (f) {
        var tip = f.dueDate + ' · ' + LABELS[f.status] + ' · ' + f.title + ' (' + f.commitment.title + ')';
        return h('span', { class: 'chip status-' + f.status, title: tip, 'data-follow-up': f.id, 'data-status': f.status, role: 'img', 'aria-label': tip });
      });
      var now = monthKey(first) === monthKey(asOf);
      columns.push(
        h('div', { class: 'month' + (now ? ' month-now' : '') + (first < monthKey(asOf) ? ' month-past' : '') }, [
          h('div', { class: 'month-items' }, items),
          h('div', { class: 'month-label', text: monthLabel(first, i === 0) }),
        ]),
      );
    }
    replaceChildren(el('timeline'), columns);
    if (shownAsOf !== asOf) {
      // On a narrow screen the timeline scrolls: bring the as-of month into view when the date changes.
      shownAsOf = asOf;
      var scroller = document.querySelector('.timeline-scroll');
      var now = document.querySelector('.month-now');
      if (now) scroller.scrollLeft = Math.max(0, now.offsetLeft - scroller.offsetLeft - scroller.clientWidth / 2);
    }
  }

  function sourceLink(c) {
    var text = c.source.title + (c.source.outlet ? ' — ' + c.source.outlet : '');
    var node = ui.externalLink(c.source.url, text);
    return h('li', { class: c.stance === 'CONFIRMS' ? '' : 'stance-' + c.stance }, [node, c.stance === 'CONFIRMS' ? null : ' (' + c.stance.toLowerCase() + ')']);
  }

  function renderOverdue(overdue) {
    el('overdue-count').textContent = '(' + overdue.totalCount + ')';
    if (!overdue.nodes.length) {
      replaceChildren(el('overdue'), [h('li', { class: 'empty', text: 'Nothing is overdue on this date.' })]);
      return;
    }
    replaceChildren(
      el('overdue'),
      overdue.nodes.map(function (f) {
        var c = f.commitment;
        var parties = c.responsibleParties.map(function (p) {
          return p.code;
        });
        return h('li', { class: 'overdue-item', 'data-follow-up': f.id }, [
          h('div', { class: 'days' }, [
            h('span', { class: 'days-number', text: String(f.daysOverdue) }),
            h('span', { class: 'days-label', text: f.daysOverdue === 1 ? 'day overdue' : 'days overdue' }),
          ]),
          h('div', { class: 'what' }, [
            h('p', { class: 'follow-up-title' }, [h('a', { href: ui.commitmentHref(c.id) + '#' + encodeURIComponent(f.id), text: f.title })]),
            h('p', { class: 'status-note', text: ui.overdueNote(f.reports, el('as-of').value) }),
            h('p', { class: 'muted', text: 'Due ' + f.dueDate + (parties.length ? ' · ' + parties.join(', ') : '') + ' · ' + c.title }),
            c.sources.length ? h('ul', { class: 'sources' }, c.sources.map(sourceLink)) : null,
          ]),
        ]);
      }),
    );
  }

  // ---- live updates ----
  function setConnection(state, text) {
    var node = el('connection');
    node.className = 'connection ' + state;
    node.textContent = text;
    document.body.setAttribute('data-connection', state);
  }

  var pending = null;
  function reloadSoon() {
    // A report produces several events at once; one reload covers them.
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      reload();
    }, 100);
  }

  function listen() {
    var everConnected = false;
    var client = window.graphqlWs.createClient({
      url: ENDPOINT.replace(/^http/, 'ws'),
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: function () {
        return true;
      },
      retryWait: function (retries) {
        return new Promise(function (resolve) {
          setTimeout(resolve, Math.min(1000 * Math.pow(2, retries), 10000));
        });
      },
      on: {
        connecting: function () {
          setConnection(everConnected ? 'reconnecting' : 'connecting', everConnected ? 'reconnecting…' : 'connecting…');
        },
        connected: function () {
          setConnection('live', 'live');
          // Anything may have changed while we were away.
          if (everConnected) reloadSoon();
          everConnected = true;
        },
        closed: function () {
          if (everConnected) setConnection('reconnecting', 'reconnecting…');
        },
      },
    });
    function subscribe() {
      client.subscribe(
        { query: 'subscription DashboardEvents { commitmentEvents { cursor kind } }' },
        {
          next: reloadSoon,
          error: function () {
            setConnection('reconnecting', 'reconnecting…');
            setTimeout(subscribe, 5000);
          },
          complete: function () {},
        },
      );
    }
    subscribe();
  }

  // ---- controls ----
  el('as-of').addEventListener('change', function (e) {
    if (!e.target.value) return;
    chosenAsOf = e.target.value;
    writeAddress();
    reload();
  });
  el('today').addEventListener('click', function () {
    chosenAsOf = null;
    writeAddress();
    reload();
  });

  var searchTimer = null;
  function filtersChanged() {
    list.FILTERS.forEach(function (k) {
      filters[k] = filtersForm.elements[k].value.trim();
    });
    writeAddress();
    reload();
  }
  filtersForm.addEventListener('change', filtersChanged);
  filtersForm.addEventListener('input', function (e) {
    if (e.target.name !== 'q') return;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(filtersChanged, 300);
  });
  filtersForm.addEventListener('submit', function (e) {
    e.preventDefault();
    filtersChanged();
  });
  el('clear-filters').addEventListener('click', function () {
    list.FILTERS.forEach(function (k) {
      filters[k] = '';
      filtersForm.elements[k].value = '';
    });
    writeAddress();
    reload();
  });
  window.addEventListener('hashchange', function () {
    address = readAddress();
    chosenAsOf = address.asOf;
    filters = address.filters;
    writeAddress();
    reload();
  });
  // A #asOf=… link is folded into the query string, so what the page shows is one address.
  if (window.location.hash) writeAddress();

  renderLegend();
  reload();
  listen();
})();
