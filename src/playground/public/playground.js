// Starts GraphiQL over the bundles the server serves (React, ReactDOM, GraphiQL, graphqlWs globals).
// Queries and mutations go over HTTP POST; subscriptions over graphql-ws on the same path.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var httpUrl = new URL(config.endpoint, window.location.href).href;
  var wsClient = graphqlWs.createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    lazy: true,
    retryAttempts: Infinity,
  });
  var httpFetcher = GraphiQL.createFetcher({ url: httpUrl });

  // GraphiQL's own fetcher recognises a subscription only when the run names its operation, so a
  // lone `subscription LiveEvents { … }` would go out over HTTP. Pick the operation that will run
  // the way the server does (the named one, else the only one) and send subscriptions over the
  // socket; everything else keeps GraphiQL's HTTP fetcher, with the headers typed in the IDE.
  function operationToRun(documentAST, operationName) {
    var operations = documentAST ? documentAST.definitions.filter(function (d) { return d.kind === 'OperationDefinition'; }) : [];
    var named = operations.find(function (o) { return o.name && o.name.value === operationName; });
    return named || (operations.length === 1 ? operations[0] : undefined);
  }

  function fetcher(params, options) {
    var operation = operationToRun(options && options.documentAST, params.operationName);
    if (operation && operation.operation === 'subscription') return wsClient.iterate(params);
    return httpFetcher(params, options);
  }

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
})();
