// The https relay for Intuit's production redirect (Intuit refuses http and IP-address redirect URIs there).
// Ledgerbridge starts a one-shot listener on http://127.0.0.1:<port>/callback and sends `state` as
// "<port>.<random>"; this page forwards code, realmId (and error) to that listener with the random part as state,
// which the listener checks in constant time. Static: it can be served by GitHub Pages; it stores nothing.
/* global window, document */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var state = params.get('state') || '';
  var match = /^(\d{4,5})\.([A-Za-z0-9_-]{16,200})$/.exec(state);
  var title = document.getElementById('title');
  var text = document.getElementById('text');
  function fail(message) {
    title.textContent = 'Sign-in could not be handed to Ledgerbridge';
    text.textContent = message;
  }
  if (!match)
    return fail(
      'This page was opened without a sign-in from Ledgerbridge. Start again from Connections in Ledgerbridge.',
    );
  var port = Number(match[1]);
  if (port < 1024 || port > 65535)
    return fail('The sign-in names an invalid port. Start again from Connections in Ledgerbridge.');
  var target = new URL('http://127.0.0.1:' + port + '/callback');
  target.searchParams.set('state', match[2]);
  ['code', 'realmId', 'error', 'error_description'].forEach(function (name) {
    var value = params.get(name);
    if (value !== null) target.searchParams.set(name, value);
  });
  // Forget the code in this tab's history before leaving.
  window.history.replaceState(null, '', window.location.pathname);
  var manual = document.getElementById('manual');
  manual.href = target.toString();
  manual.hidden = false;
  window.location.replace(target.toString());
})();
