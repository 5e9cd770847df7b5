// The editor's key and its writes: the key lives in this tab's sessionStorage only and goes out in
// the Authorization header, never in an address; API errors are shown next to the field they name.
// Exposed as window.editorApi.
(function () {
  'use strict';

  var ui = window.trackerUi;
  var STORAGE = 'tracker.editorKey';

  function key() {
    try {
      return window.sessionStorage.getItem(STORAGE);
    } catch (e) {
      return null;
    }
  }
  function setKey(value) {
    window.sessionStorage.setItem(STORAGE, value);
  }
  function forgetKey() {
    window.sessionStorage.removeItem(STORAGE);
  }

  /** Sends a write with the key; resolves to the whole answer ({data, errors}). */
  function write(query, variables) {
    return ui.request(query, variables, key());
  }

  /** "input.partyCodes" and "input.otherParties[0].role" both belong to the form field named after their first segment. */
  function fieldName(error) {
    var field = error.extensions && error.extensions.field;
    if (!field) return null;
    return String(field).replace(/^input\./, '').split(/[.[]/)[0];
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) {
      p.parentNode.removeChild(p);
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (input) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    });
    var result = form.querySelector('.result');
    if (result) {
      result.textContent = '';
      result.className = 'result';
    }
  }

  /**
   * Puts each error beside the control it names (aria-invalid, aria-describedby, so a screen reader
   * reads it with the field) and focuses the first; errors that name no field go to the form's result line.
   */
  function showErrors(form, errors, fieldAliases) {
    var firstInvalid = null;
    var general = [];
    errors.forEach(function (error) {
      var name = fieldName(error);
      if (name && fieldAliases && fieldAliases[name]) name = fieldAliases[name];
      var control = name ? form.elements[name] : null;
      if (control && control.length && !control.tagName) control = control[0];
      if (!control || control.type === 'hidden') {
        general.push(error.message);
        return;
      }
      var container = control.closest('.field') || control.parentNode;
      var id = (control.id || name) + '-error';
      // The API's message starts with the field's path ("input.title: …"); beside the field that is noise.
      var field = String(error.extensions.field);
      var text = error.message.indexOf(field + ': ') === 0 ? error.message.slice(field.length + 2) : error.message;
      var p = ui.h('p', { class: 'field-error', id: id, text: text });
      container.appendChild(p);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', id);
      if (!firstInvalid) firstInvalid = control;
    });
    if (general.length) showResult(form, general.join(' '), 'error');
    if (firstInvalid) firstInvalid.focus();
  }

  function showResult(form, content, kind) {
    var result = form.querySelector('.result');
    ui.replaceChildren(result, [typeof content === 'string' ? document.createTextNode(content) : content]);
    result.className = 'result ' + (kind || 'ok');
  }

  window.editorApi = { key: key, setKey: setKey, forgetKey: forgetKey, write: write, clearErrors: clearErrors, showErrors: showErrors, showResult: showResult };
})();
