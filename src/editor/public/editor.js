// The editor's forms: each one is a mutation of the public API. Values typed into a form stay there
// whatever the answer, so a refused write (bad input, a conflict) loses nothing.
(function () {
  'use strict';

  var ui = window.trackerUi;
  var api = window.editorApi;
  var h = ui.h;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var MAX_PAGES = 10;

  // ---- the key ----
  function showKeyState() {
    var has = !!api.key();
    $('key-form').hidden = has;
    $('key-status').hidden = !has;
  }
  $('key-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var value = $('key').value.trim();
    if (!value) return;
    api.setKey(value);
    $('key').value = '';
    showKeyState();
    $('forget-key').focus();
  });
  $('forget-key').addEventListener('click', function () {
    api.forgetKey();
    showKeyState();
    $('key').focus();
  });

  // ---- choices read from the API (commitments, sources, engagements) ----
  var OPTIONS = [
    'query EditorOptions($after: String, $sourcesAfter: String) {',
    '  engagements(first: 100) { nodes { id title heldOn } }',
    '  commitments(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id title } }',
    '  sources(first: 100, after: $sourcesAfter) { pageInfo { hasNextPage endCursor } nodes { id title outlet } }',
    '}',
  ].join('\n');

  function loadOptions() {
    var all = { engagements: [], commitments: [], sources: [] };
    function page(n, vars) {
      return ui.graphql(OPTIONS, vars).then(function (d) {
        if (n === 1) all.engagements = d.engagements.nodes;
        if (vars.after !== false) all.commitments = all.commitments.concat(d.commitments.nodes);
        if (vars.sourcesAfter !== false) all.sources = all.sources.concat(d.sources.nodes);
        var more = { after: d.commitments.pageInfo.hasNextPage ? d.commitments.pageInfo.endCursor : false, sourcesAfter: d.sources.pageInfo.hasNextPage ? d.sources.pageInfo.endCursor : false };
        if (n < MAX_PAGES && (more.after || more.sourcesAfter)) return page(n + 1, more);
        return all;
      });
    }
    return page(1, { after: null, sourcesAfter: null }).then(fillSelects, function (err) {
      showGlobalError('Could not load the lists of commitments and sources: ' + err.message);
    });
  }

  var TEXT = {
    engagements: function (e) {
      return (e.heldOn ? e.heldOn + ' · ' : '') + e.title;
    },
    commitments: function (c) {
      return c.title;
    },
    sources: function (s) {
      return s.title + (s.outlet ? ' (' + s.outlet + ')' : '');
    },
  };

  function fillSelects(all) {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-options]'), function (select) {
      var kind = select.getAttribute('data-options');
      var keep = Array.prototype.filter.call(select.options, function (o) {
        return o.selected;
      }).map(function (o) {
        return o.value;
      });
      var first = select.multiple ? [] : [h('option', { value: '', text: select.required ? 'choose…' : select.getAttribute('data-optional') || 'none' })];
      ui.replaceChildren(
        select,
        first.concat(
          all[kind].map(function (item) {
            return h('option', { value: item.id, text: TEXT[kind](item), selected: keep.indexOf(item.id) >= 0 });
          }),
        ),
      );
    });
  }

  function showGlobalError(message) {
    $('global-error').textContent = message;
    $('global-error').hidden = !message;
  }

  // ---- follow-ups and reports of the chosen commitment ----
  var FOLLOW_UPS = 'query EditorFollowUps($id: ID!) { node(id: $id) { ... on Commitment { followUps(first: 100) { nodes { id title dueDate status reports { id state reportedOn } } } } } }';

  function loadFollowUps(commitmentId) {
    if (!commitmentId) return Promise.resolve([]);
    return ui.graphql(FOLLOW_UPS, { id: commitmentId }).then(function (d) {
      return d.node ? d.node.followUps.nodes : [];
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('select[data-follow-ups], select[data-reports]'), function (select) {
    select.addEventListener('change', function () {
      var target = $(select.getAttribute('data-follow-ups') || select.getAttribute('data-reports'));
      var reports = select.hasAttribute('data-reports');
      loadFollowUps(select.value).then(function (followUps) {
        var items = reports
          ? followUps.reduce(function (acc, f) {
              return acc.concat(
                f.reports.map(function (r) {
                  return h('option', { value: r.id, text: f.title + ': ' + r.state.toLowerCase().replace('_', ' ') + ' on ' + r.reportedOn });
                }),
              );
            }, [])
          : followUps.map(function (f) {
              return h('option', { value: f.id, text: f.title + (f.dueDate ? ' (due ' + f.dueDate + ')' : ' (no date)') + ' · ' + ui.label(ui.STATUS_LABELS, f.status) });
            });
        ui.replaceChildren(target, [h('option', { value: '', text: items.length ? 'choose…' : reports ? 'no reports yet' : 'no follow-ups' })].concat(items));
      });
    });
  });

  // ---- schedule: undated, once, or recurring, with a preview of the dates ----
  var commitmentForm = $('create-commitment');
  function showSchedule() {
    var chosen = commitmentForm.elements.schedule.value;
    Array.prototype.forEach.call(commitmentForm.querySelectorAll('[data-schedule]'), function (node) {
      node.hidden = node.getAttribute('data-schedule') !== chosen;
    });
    previewRecurrence();
  }
  function previewRecurrence() {
    var rule = commitmentForm.elements.recurrence.value.trim().replace(/^RRULE:/i, '');
    var startsOn = commitmentForm.elements.startsOn.value;
    var out = $('recurrence-preview');
    if (!rule || !startsOn) {
      out.textContent = 'give a rule and a start date to see the dates';
      return;
    }
    try {
      var parsed = window.rrule.rrulestr('RRULE:' + rule.toUpperCase(), { dtstart: new Date(startsOn + 'T00:00:00Z') });
      var dates = parsed.all(function (_d, i) {
        return i < 6;
      });
      out.textContent = dates.length
        ? dates
            .map(function (d) {
              return d.toISOString().slice(0, 10);
            })
            .join(', ') + (dates.length === 6 ? ', …' : '')
        : 'this rule gives no dates';
    } catch (e) {
      out.textContent = 'not a rule yet: ' + e.message;
    }
  }
  Array.prototype.forEach.call(commitmentForm.elements.schedule, function (radio) {
    radio.addEventListener('change', showSchedule);
  });
  commitmentForm.elements.recurrence.addEventListener('input', previewRecurrence);
  commitmentForm.elements.startsOn.addEventListener('input', previewRecurrence);

  // ---- the mutations ----
  function value(form, name) {
    var v = form.elements[name] && form.elements[name].value;
    return v && v.trim() !== '' ? v.trim() : undefined;
  }
  function selected(form, name) {
    return Array.prototype.filter.call(form.elements[name].options, function (o) {
      return o.selected && o.value;
    }).map(function (o) {
      return o.value;
    });
  }
  function pageLink(commitmentId, text) {
    return h('a', { href: ui.commitmentHref(commitmentId), text: text });
  }
  function done(message, commitmentId) {
    return h('span', {}, [message + ' ', commitmentId ? pageLink(commitmentId, 'See its page.') : null]);
  }

  function codes(f, name) {
    return (value(f, name) || '').split(/[\s,;]+/).filter(Boolean);
  }

  var MUTATIONS = {
    createEngagement: {
      query: 'mutation EditorCreateEngagement($input: CreateEngagementInput!) { createEngagement(input: $input) { engagement { id title } } }',
      input: function (f) {
        return { title: value(f, 'title') || '', heldOn: value(f, 'heldOn'), location: value(f, 'location'), partyCodes: codes(f, 'partyCodes'), sourceIds: selected(f, 'sourceIds') };
      },
      result: function (d) {
        return done('Engagement “' + d.createEngagement.engagement.title + '” recorded.');
      },
    },
    createSource: {
      query: 'mutation EditorCreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id title } } }',
      input: function (f) {
        return {
          title: value(f, 'title') || '', outlet: value(f, 'outlet'), url: value(f, 'url'), publishedOn: value(f, 'publishedOn'),
          kind: value(f, 'kind'), affiliationCode: value(f, 'affiliationCode'),
        };
      },
      result: function (d) {
        return done('Source “' + d.createSource.source.title + '” recorded.');
      },
    },
    createCommitment: {
      query: 'mutation EditorCreateCommitment($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id title } } }',
      input: function (f) {
        var schedule = f.elements.schedule.value;
        var others = codes(f, 'beneficiaryCodes').map(function (c) {
          return { partyCode: c, role: 'BENEFICIARY' };
        }).concat(codes(f, 'hostCodes').map(function (c) {
          return { partyCode: c, role: 'HOST' };
        }));
        return {
          title: value(f, 'title') || '',
          description: value(f, 'description'),
          kind: value(f, 'kind'),
          partyCodes: codes(f, 'partyCodes'),
          otherParties: others,
          engagementId: value(f, 'engagementId'),
          dueDate: schedule === 'once' ? value(f, 'dueDate') : undefined,
          recurrence: schedule === 'recurring' ? value(f, 'recurrence') : undefined,
          startsOn: schedule === 'recurring' ? value(f, 'startsOn') : undefined,
          sourceIds: selected(f, 'sourceIds'),
        };
      },
      // "otherParties[i]" is the i-th of the beneficiaries then the hosts; the error goes beside the first list.
      aliases: { otherParties: 'beneficiaryCodes' },
      result: function (d) {
        var c = d.createCommitment.commitment;
        return done('Commitment “' + c.title + '” recorded.', c.id);
      },
    },
    citeSource: {
      query: 'mutation EditorCite($input: CiteSourceInput!) { citeSource(input: $input) { commitment { id title } } }',
      input: function (f) {
        return { commitmentId: value(f, 'commitmentId') || '', sourceId: value(f, 'sourceId') || '', stance: value(f, 'stance'), note: value(f, 'note') };
      },
      result: function (d) {
        return done('Source cited on “' + d.citeSource.commitment.title + '”.', d.citeSource.commitment.id);
      },
    },
    reportProgress: {
      query: 'mutation EditorReport($input: ReportProgressInput!) { reportProgress(input: $input) { followUp { id status commitment { id } } } }',
      aliases: { followUpId: 'followUpId' },
      input: function (f) {
        return { followUpId: value(f, 'followUpId') || '', state: value(f, 'state'), reportedOn: value(f, 'reportedOn') || '', sourceId: value(f, 'sourceId'), note: value(f, 'note') };
      },
      result: function (d) {
        var fu = d.reportProgress.followUp;
        return done('Reported; the follow-up is now ' + ui.label(ui.STATUS_LABELS, fu.status).toLowerCase() + '.', fu.commitment.id);
      },
    },
    addEvidence: {
      query: 'mutation EditorAddEvidence($input: AddEvidenceInput!) { addEvidence(input: $input) { report { id verification } followUp { commitment { id } } } }',
      input: function (f) {
        return { reportId: value(f, 'reportId') || '', sourceId: value(f, 'sourceId') || '', stance: value(f, 'stance'), note: value(f, 'note') };
      },
      result: function (d) {
        var r = d.addEvidence;
        return done('Evidence added; the report is now ' + r.report.verification.toLowerCase() + '.', r.followUp.commitment.id);
      },
    },
    correctReport: {
      query: 'mutation EditorCorrect($input: CorrectReportInput!) { correctReport(input: $input) { followUp { id status commitment { id } } } }',
      input: function (f) {
        return { reportId: value(f, 'reportId') || '', state: value(f, 'state'), reportedOn: value(f, 'reportedOn') || '', sourceId: value(f, 'sourceId'), note: value(f, 'note') };
      },
      result: function (d) {
        var fu = d.correctReport.followUp;
        return done('Corrected; the follow-up is now ' + ui.label(ui.STATUS_LABELS, fu.status).toLowerCase() + '.', fu.commitment.id);
      },
    },
  };

  function submit(form, mutation) {
    api.clearErrors(form);
    if (!api.key()) {
      api.showResult(form, 'Paste your API key at the top of the page first.', 'error');
      $('key').focus();
      return Promise.resolve();
    }
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    return api
      .write(mutation.query, { input: mutation.input(form) })
      .then(
        function (body) {
          if (body.errors && body.errors.length) {
            api.showErrors(form, body.errors, mutation.aliases);
            return;
          }
          api.showResult(form, mutation.result(body.data), 'ok');
          form.setAttribute('data-last-result', 'ok');
          loadOptions();
        },
        function (err) {
          api.showResult(form, 'The server could not be reached: ' + err.message, 'error');
        },
      )
      .then(function () {
        button.disabled = false;
      });
  }

  Object.keys(MUTATIONS).forEach(function (name) {
    var form = document.querySelector('form[data-mutation="' + name + '"]');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      submit(form, MUTATIONS[name]);
    });
  });

  window.editorForms = { loadOptions: loadOptions, submit: submit, value: value, done: done };

  showKeyState();
  showSchedule();
  loadOptions();
})();
