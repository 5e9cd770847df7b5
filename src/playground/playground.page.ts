import { scriptJson } from '../ui/html';
import { VENDOR_PATH } from '../ui/vendor-assets';
import type { ExampleTab } from './example-queries';

export interface PlaygroundPageOptions {
  /** Path of the GraphQL endpoint; the page derives the ws:// URL for subscriptions from it. */
  endpoint: string;
  tabs: ExampleTab[];
}

/** The GraphiQL page: every script and style comes from this server (see ui/vendor-assets.ts). */
export function playgroundPage({ endpoint, tabs }: PlaygroundPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GraphQL playground · Follow-through tracker</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${VENDOR_PATH}/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; } #graphiql > p { font: 16px system-ui, sans-serif; padding: 2rem; }</style>
</head>
<body>
  <div id="graphiql"><p>Loading the GraphQL playground…</p></div>
  <script id="playground-config" type="application/json">${scriptJson({ endpoint, tabs })}</script>
  <script src="${VENDOR_PATH}/react.js"></script>
  <script src="${VENDOR_PATH}/react-dom.js"></script>
  <script src="${VENDOR_PATH}/graphiql.js"></script>
  <script src="${VENDOR_PATH}/graphql-ws.js"></script>
  <script src="/assets/playground.js"></script>
</body>
</html>
`;
}
