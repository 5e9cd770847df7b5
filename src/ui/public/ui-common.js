// What the browser pages share (dashboard, editor): building DOM from data as text only, calling the
// GraphQL API, and the words for the API's enum values. Plain JavaScript, no build step; exposed as
// window.trackerUi.
(function () {
  'use strict';

  var ENDPOINT = new URL('/graphql', window.location.href).href;

  var STATUS_LABELS = {
    OVERDUE: 'Overdue',
    DUE_SOON: 'Due soon',
    SCHEDULED: 'Scheduled',
    UNDATED: 'Undated',
    DONE: 'Done',
    MISSED: 'Missed',
    CANCELLED: 'Cancelled',
  };

  /** A label for any enum value, including ones added after this file was written. */
  function label(labels, value) {
    if (!value) return '';
    return labels[value] || value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
  }

  /**
   * An element whose attributes and text come from data: text goes in as text nodes, never as HTML.
   * "href" is only set for http(s) and same-site paths; anything else (javascript:, data:) is dropped.
   */
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'href') {
        if (safeHref(v)) node.setAttribute('href', v);
      } else node.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined && c !== false) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function safeHref(url) {
    if (/^\/(?!\/)/.test(url) || /^[?#]/.test(url)) return true;
    try {
      var p = new URL(url).protocol;
      return p === 'http:' || p === 'https:';
    } catch (e) {
      return false;
    }
  }

  /** A link out to a source: http(s) only, telling the target nothing about this page. */
  function externalLink(url, text) {
    if (!url || !safeHref(url) || /^[/?#]/.test(url)) return h('span', { text: text });
    return h('a', { href: url, rel: 'noopener noreferrer', text: text });
  }

  function replaceChildren(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (c) {
      if (c) node.appendChild(c);
    });
  }

  /** POSTs an operation; resolves to the whole answer ({data, errors}) so callers can read error codes and fields. */
  function request(query, variables, key) {
    var headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (key) headers.authorization = 'Bearer ' + key;
    return fetch(ENDPOINT, { method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables || {} }) }).then(function (res) {
      return res.json();
    });
  }

  /** As request, but rejects with the first error's message. */
  function graphql(query, variables) {
    return request(query, variables).then(function (body) {
      if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
      return body.data;
    });
  }

  /** What the record says about an overdue follow-up: nothing at all, or progress reported (see src/pages/report-wording.ts). */
  function overdueNote(reports, asOf) {
    var known = (reports || []).filter(function (r) {
      return r.reportedOn <= asOf;
    });
    if (!known.length) return 'no report recorded';
    var latest = known.reduce(function (a, b) {
      return b.reportedOn >= a.reportedOn ? b : a;
    });
    return latest.state === 'IN_PROGRESS' ? 'in progress, reported ' + latest.reportedOn : 'last report ' + latest.reportedOn;
  }

  function commitmentHref(id) {
    return '/commitments/' + encodeURIComponent(id);
  }

  window.trackerUi = {
    ENDPOINT: ENDPOINT,
    STATUS_LABELS: STATUS_LABELS,
    label: label,
    h: h,
    externalLink: externalLink,
    replaceChildren: replaceChildren,
    request: request,
    graphql: graphql,
    overdueNote: overdueNote,
    commitmentHref: commitmentHref,
  };
})();
