"use client";
// A client component: server-rendered, then hydrated. It gates with rolegate/react's hooks and
// calls rolegate directly too; a button moves it to another scope after hydration.
import { useState } from "react";
import { canPerform } from "rolegate";
import { Can, useCan, usePages } from "rolegate/react";
import { AC1 } from "./roles";

function Decision({ action, scope }) {
  const allowed = useCan(action, scope);
  return <li data-action={action} data-allowed={String(allowed)}>{action}</li>;
}

export function Gated({ id, actions }) {
  const [scope, setScope] = useState(undefined);
  const pages = usePages(scope);
  return (
    <section id={id}>
      <ul className="decisions">{actions.map((a) => <Decision key={a} action={a} scope={scope} />)}</ul>
      <p className="pages">{pages.map((p) => p.id).join(",")}</p>
      <Can action={actions[1]} not>
        <p className="read-only">read only</p>
      </Can>
      <p className="direct">{id === "twilio" ? String(canPerform([{ role: "studio-admin", scope: AC1 }], AC1, "studio.flow.update")) : ""}</p>
      <button className="move" onClick={() => setScope("organization:elsewhere")}>move</button>
    </section>
  );
}
