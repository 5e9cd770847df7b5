// Editing a commitment with optimistic concurrency: the form remembers the version it read; when
// someone else saved in between, the API refuses with CONFLICT, and the form shows what they changed,
// keeps what this user typed, and on "Reload and retry" re-applies only this user's edits on top of
// the latest version.
(function () {
  'use strict';

  var ui = window.trackerUi;
  var api = window.editorApi;
  var form = document.getElementById('update-commitment');
  var conflictBox = form.querySelector('.conflict');
  var FIELDS = ['title', 'description', 'dueDate'];
  var LABELS = { title: 'Title', description: 'Description', dueDate: 'Due date' };
  var READ = [
    'query EditorCommitment($id: ID!) { node(id: $id) { ... on Commitment {',
    '  id title description version recurrence followUps(first: 2) { totalCount nodes { dueDate } }',
    '} } }',
  ].join('\n');
  var UPDATE = 'mutation EditorUpdate($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id title version } } }';

  /** What was read, as the form shows it ('' for none); dueDate only for a one-off commitment. */
  var base = null;
  var latest = null;

  function read(id) {
    return ui.graphql(READ, { id: id }).then(function (d) {
      var c = d.node;
      if (!c) return null;
      var single = !c.recurrence && c.followUps.totalCount === 1;
      return { id: c.id, version: c.version, title: c.title, description: c.description || '', dueDate: single ? c.followUps.nodes[0].dueDate || '' : '', single: single };
    });
  }

  function typed(name) {
    return form.elements[name].value.trim();
  }

  function edited() {
    return FIELDS.filter(function (f) {
      return base && typed(f) !== base[f];
    });
  }

  function show(snapshot, keepEdited) {
    var mine = keepEdited ? edited() : [];
    FIELDS.forEach(function (f) {
      if (mine.indexOf(f) < 0) form.elements[f].value = snapshot[f];
    });
    form.elements.dueDate.disabled = !snapshot.single;
    form.elements.expectedVersion.value = String(snapshot.version);
    form.querySelector('.version-note').textContent = 'Editing version ' + snapshot.version + (snapshot.single ? '' : '; its due dates are set per follow-up, so there is no single date to move here.');
    base = snapshot;
  }

  form.elements.id.addEventListener('change', function () {
    api.clearErrors(form);
    conflictBox.hidden = true;
    if (!form.elements.id.value) return;
    read(form.elements.id.value).then(function (s) {
      if (s) show(s, false);
    });
  });

  function input() {
    var out = { id: base.id, expectedVersion: base.version };
    edited().forEach(function (f) {
      var v = typed(f);
      out[f] = v === '' && f !== 'title' ? null : v;
    });
    return out;
  }

  function describeChanges(from, to) {
    var changes = FIELDS.filter(function (f) {
      return from[f] !== to[f];
    }).map(function (f) {
      return ui.h('li', { 'data-field': f, text: LABELS[f] + ': “' + (from[f] || '(none)') + '” → “' + (to[f] || '(none)') + '”' });
    });
    if (!changes.length) changes.push(ui.h('li', { text: 'Nothing you can edit here; they changed its sources or reports (version ' + from.version + ' → ' + to.version + ').' }));
    return changes;
  }

  function save() {
    api.clearErrors(form);
    if (!base) {
      api.showResult(form, 'Choose a commitment first.', 'error');
      return Promise.resolve();
    }
    if (!api.key()) {
      api.showResult(form, 'Paste your API key at the top of the page first.', 'error');
      return Promise.resolve();
    }
    var payload = input();
    if (Object.keys(payload).length === 2) {
      api.showResult(form, 'Nothing to save: no field differs from version ' + base.version + '.', 'error');
      return Promise.resolve();
    }
    return api.write(UPDATE, { input: payload }).then(function (body) {
      var errors = body.errors || [];
      var conflict = errors.filter(function (e) {
        return e.extensions && e.extensions.code === 'CONFLICT';
      })[0];
      if (conflict) {
        return read(base.id).then(function (current) {
          latest = current;
          ui.replaceChildren(form.querySelector('.conflict-changes'), describeChanges(base, current));
          conflictBox.hidden = false;
          form.setAttribute('data-conflict', 'shown');
          form.querySelector('.reload-retry').focus();
        });
      }
      if (errors.length) {
        api.showErrors(form, errors);
        return;
      }
      conflictBox.hidden = true;
      form.removeAttribute('data-conflict');
      var c = body.data.updateCommitment.commitment;
      return read(c.id).then(function (s) {
        show(s, false);
        api.showResult(form, window.editorForms.done('Saved as version ' + c.version + '.', c.id), 'ok');
        form.setAttribute('data-last-result', 'ok');
        window.editorForms.loadOptions();
      });
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    save();
  });
  form.querySelector('.reload-retry').addEventListener('click', function () {
    if (!latest) return;
    // Fields this user edited keep their text; the others take the latest values, so nothing the other editor saved is undone.
    show(latest, true);
    conflictBox.hidden = true;
    save();
  });
})();
