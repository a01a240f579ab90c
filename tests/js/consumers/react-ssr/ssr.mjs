// rolegate/react rendered on a server (Node, react-dom/server), with whichever React the project
// resolves: prints the React version and the HTML as JSON.
import { createElement as h, version } from "react";
import { renderToString } from "react-dom/server";
import { Can, PermissionsProvider, useCan, usePages } from "rolegate/react";

const AC1 = "organization:acme/account:AC1";

function Probe() {
  const read = useCan("studio.flow.read");
  const update = useCan("studio.flow.update");
  const anywhere = useCan("studio.flow.read", undefined);
  const pages = usePages();
  return h("p", null, `read=${read} update=${update} anywhere=${anywhere} pages=${pages.map((p) => p.id).join(",")}`);
}

const problems = [];
const html = renderToString(
  h(
    PermissionsProvider,
    { roles: [{ role: "studio-viewer", scope: AC1 }], scope: AC1, onError: (e) => problems.push(e.code) },
    h(Probe),
    h(Can, { action: "studio.flow.update", not: true }, h("em", null, "read only")),
    h(Can, { action: "studio.flow.raed" }, h("em", null, "never")),
  ),
);
// Problems are reported after the render, in a microtask.
await new Promise((resolve) => setTimeout(resolve, 0));
console.log(JSON.stringify({ version, html, problems }));
