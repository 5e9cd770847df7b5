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
  var fetcher = GraphiQL.createFetcher({ url: httpUrl, wsClient: wsClient });
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
