// The policy "Insert an example" puts in the editor: a small help desk, to show that any product can
// bring its own scopes, roles and pages in rolegate's format.

export const EXAMPLE_POLICY = {
  name: "helpdesk",
  scopeKinds: ["organization", "team"],
  actions: [
    "tickets.ticket.read",
    "tickets.ticket.reply",
    "tickets.ticket.assign",
    "tickets.ticket.delete",
    "reports.dashboard.read",
    "admin.team.manage",
    "admin.billing.update",
  ],
  roles: [
    { id: "agent", name: "Agent", type: "team", scopes: ["team"], grants: ["tickets.ticket.read", "tickets.ticket.reply"] },
    { id: "lead", name: "Team Lead", type: "team", scopes: ["team"], grants: ["tickets.ticket.assign", "reports.*"], inherits: ["agent"] },
    { id: "auditor", name: "Auditor", type: "organization", scopes: ["organization"], grants: ["tickets.ticket.read", "reports.*"] },
    { id: "admin", name: "Admin", type: "organization", scopes: ["organization"], grants: ["*"], denies: ["tickets.ticket.delete"] },
  ],
  pages: [
    { id: "inbox", title: "Inbox", path: "/team/:teamId/inbox", section: "Tickets", parent: null, scopeKind: "team", requires: { anyOf: ["tickets.ticket.read"] } },
    { id: "reports", title: "Reports", path: "/team/:teamId/reports", section: "Insights", parent: null, scopeKind: "team", requires: { anyOf: ["reports.dashboard.read"] } },
    { id: "team-settings", title: "Team settings", path: "/team/:teamId/settings", section: "Admin", parent: null, scopeKind: "team", requires: { allOf: ["admin.team.manage"] } },
    { id: "billing", title: "Billing", path: "/organization/:organizationId/billing", section: "Admin", parent: null, scopeKind: "organization", requires: { anyOf: ["admin.billing.update"] } },
  ],
};

export const EXAMPLE_POLICY_TEXT = JSON.stringify(EXAMPLE_POLICY, null, 2);
