// What the demo shows for each catalog beyond what the engine knows: sample scope ids, the action
// buttons of the mock console and a starting user. The engine stays the only source of decisions;
// these are labels and sample data.

/** Sample ids per scope kind, by kind name; kinds not listed get `<kind>-1`, `<kind>-2`. */
const SAMPLE_IDS = {
  organization: ["acme"],
  account: ["AC1", "AC2"],
  subaccount: ["SA1", "SA2"],
  workspace: ["W1", "W2"],
  project: ["P1", "P2"],
};

export function sampleIds(kind, index) {
  if (SAMPLE_IDS[kind]) return SAMPLE_IDS[kind];
  const stem = kind.replace(/[^A-Za-z0-9_.~+-]/g, "").slice(0, 100) || "id";
  return index === 0 ? [stem] : [`${stem}-1`, `${stem}-2`];
}

/** Action buttons of the mock console, grouped like a product's pages. */
const CONSOLE_ACTIONS = {
  twilio: [
    { group: "Studio", actions: [["studio.flow.create", "Create flow"], ["studio.flow.update", "Publish flow"], ["studio.flow.export", "Export flow"], ["studio.flow.delete", "Delete flow"]] },
    { group: "Phone Numbers", actions: [["numbers.number.buy", "Buy number"], ["numbers.config.update", "Configure number"], ["numbers.number.release", "Release number"], ["numbers.regulatory.create", "Create regulatory bundle"]] },
    { group: "Messaging", actions: [["messaging.service.create", "Create messaging service"], ["messaging.whatsapp.create", "Add WhatsApp sender"], ["messaging.geo.update", "Update geo permissions"]] },
    { group: "Billing", actions: [["billing.settings.update", "Update payment method"], ["billing.history.read", "Download invoices"]] },
    { group: "Account", actions: [["account.user.invite", "Invite user"], ["account.api-key.manage", "Create API key"], ["account.settings.update", "Edit account settings"], ["account.close", "Close account"]] },
    { group: "Admin", actions: [["org.user.invite", "Invite managed user"], ["org.role.assign", "Assign roles"], ["org.organization.delete", "Delete organization"]] },
  ],
  voiceflow: [
    { group: "Project", actions: [["project.version.publish", "Publish project"], ["project.canvas.update", "Edit canvas"], ["project.export", "Export project"], ["project.comment.create", "Leave a comment"], ["project.prototype.run", "Run prototype"]] },
    { group: "Workspace", actions: [["workspace.project.create", "Create project"], ["workspace.project.import", "Import project"], ["workspace.member.invite", "Invite member"], ["workspace.role.grant-project", "Give project edit access"], ["workspace.settings.update", "Edit workspace settings"], ["workspace.ownership.transfer", "Transfer ownership"]] },
    { group: "Billing", actions: [["billing.subscription.update", "Update payment method"]] },
    { group: "Organization", actions: [["org.workspace.manage", "Create workspace"], ["org.settings.update", "Edit organization settings"]] },
  ],
};

/** The most buttons a custom policy gets; beyond this a console would be a wall of buttons. */
const MAX_CUSTOM_ACTIONS = 24;

function humanize(actionId) {
  const [, ...rest] = actionId.split(".");
  const words = (rest.length ? rest.reverse() : [actionId]).join(" ").replace(/[-_]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function titleCase(word) {
  return word.charAt(0).toUpperCase() + word.slice(1).replace(/[-_]/g, " ");
}

/**
 * The button groups for an engine: the curated list for a built-in catalog (keeping only actions
 * the catalog declares), or one group per product for any other policy.
 */
export function consoleActions(catalogKey, actionIds) {
  const declared = new Set(actionIds);
  const curated = CONSOLE_ACTIONS[catalogKey];
  if (curated) {
    return curated
      .map(({ group, actions }) => ({ group, actions: actions.filter(([id]) => declared.has(id)).map(([id, label]) => ({ id, label })) }))
      .filter((g) => g.actions.length > 0);
  }
  const groups = new Map();
  for (const id of actionIds.slice(0, MAX_CUSTOM_ACTIONS)) {
    const product = titleCase(id.split(".")[0]);
    if (!groups.has(product)) groups.set(product, []);
    groups.get(product).push({ id, label: humanize(id) });
  }
  return [...groups].map(([group, actions]) => ({ group, actions }));
}

/** The user a catalog opens with when none is given in the URL. */
export const STARTING_USER = {
  twilio: {
    roles: [
      { role: "studio-viewer", scope: "organization:acme/account:AC1" },
      { role: "billing-manager", scope: "organization:acme/account:AC2" },
    ],
    scope: "organization:acme/account:AC1",
  },
  voiceflow: {
    roles: [
      { role: "viewer", scope: "organization:acme/workspace:W1" },
      { role: "editor", scope: "organization:acme/workspace:W1/project:P1" },
    ],
    scope: "organization:acme/workspace:W1/project:P1",
  },
};

export const CATALOG_TITLES = { twilio: "Twilio Console", voiceflow: "Voiceflow" };

/** Display names of role types, in the order the role picker lists them. */
export const ROLE_TYPE_LABELS = {
  general: "General roles",
  "built-in": "Built-in roles",
  organization: "Organization roles",
  workspace: "Workspace roles",
};
