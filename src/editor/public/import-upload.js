// CSV import from the editor: the file is checked first (?dryRun=true writes nothing and answers
// what would happen, with every error by row and column); only a clean check offers "Import it".
(function () {
  'use strict';

  var ui = window.trackerUi;
  var api = window.editorApi;
  var h = ui.h;
  var form = document.getElementById('import-form');
  var out = form.querySelector('.import-result');
  var apply = document.getElementById('import-apply');
  var checked = null;

  function send(kind, file, dryRun) {
    var headers = { 'content-type': 'text/csv' };
    if (api.key()) headers.authorization = 'Bearer ' + api.key();
    return fetch('/import/' + encodeURIComponent(kind) + '.csv' + (dryRun ? '?dryRun=true' : ''), { method: 'POST', headers: headers, body: file }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return { errors: [{ row: null, column: null, message: 'The server answered ' + res.status + ' without a readable result.' }] };
        })
        .then(function (body) {
          return { status: res.status, body: body };
        });
    });
  }

  function counts(body, dryRun) {
    return h('table', { class: 'import-counts' }, [
      h('caption', { text: dryRun ? 'What importing this file would do (nothing written yet)' : 'What the import did' }),
      h('tr', {}, [h('th', { scope: 'row', text: 'created' }), h('td', { 'data-count': 'created', text: String(body.created || 0) })]),
      h('tr', {}, [h('th', { scope: 'row', text: 'updated' }), h('td', { 'data-count': 'updated', text: String(body.updated || 0) })]),
      h('tr', {}, [h('th', { scope: 'row', text: 'unchanged' }), h('td', { 'data-count': 'unchanged', text: String(body.unchanged || 0) })]),
    ]);
  }

  function errorTable(errors) {
    return h('table', { class: 'import-errors' }, [
      h('caption', { text: errors.length + (errors.length === 1 ? ' problem' : ' problems') + '; nothing was written' }),
      h('tr', {}, [h('th', { text: 'row' }), h('th', { text: 'column' }), h('th', { text: 'problem' })]),
    ].concat(
      errors.map(function (e) {
        return h('tr', {}, [h('td', { text: e.row == null ? '—' : String(e.row) }), h('td', { text: e.column || '—' }), h('td', { text: e.message })]);
      }),
    ));
  }

  function show(result, dryRun) {
    var body = result.body || {};
    var errors = body.errors || [];
    if (!errors.length && result.status >= 400) errors = [{ row: null, column: null, message: body.message || 'Refused with status ' + result.status }];
    ui.replaceChildren(out, [errors.length ? errorTable(errors) : counts(body, dryRun)]);
    out.setAttribute('data-state', errors.length ? 'errors' : dryRun ? 'checked' : 'imported');
    return !errors.length;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    apply.hidden = true;
    checked = null;
    var file = form.elements.file.files[0];
    if (!file) {
      ui.replaceChildren(out, [h('p', { class: 'error', text: 'Choose a CSV file first.' })]);
      return;
    }
    if (!api.key()) {
      ui.replaceChildren(out, [h('p', { class: 'error', text: 'Paste your API key at the top of the page first.' })]);
      return;
    }
    var kind = form.elements.kind.value;
    send(kind, file, true).then(function (result) {
      if (show(result, true)) {
        checked = { kind: kind, file: file };
        apply.hidden = false;
        apply.focus();
      }
    });
  });

  apply.addEventListener('click', function () {
    if (!checked) return;
    apply.hidden = true;
    send(checked.kind, checked.file, false).then(function (result) {
      show(result, false);
      checked = null;
      if (window.editorForms) window.editorForms.loadOptions();
    });
  });
})();
