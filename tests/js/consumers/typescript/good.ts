// Correct use of the whole public surface; `tsc --strict` must accept it. The @ts-expect-error
// lines are misuses that must stay errors (tsc fails if one of them type-checks).
import {
  PolicyEngine,
  Principal,
  canPerform,
  defaultEngine,
  isRolegateError,
  setDefaultEngine,
  visibleConsolePages,
  type ActionDeclaration,
  type Assignment,
  type AssignmentView,
  type ConsolePage,
  type DecidingPattern,
  type Decision,
  type PageRequirement,
  type PolicyDocument,
  type PolicyProblem,
  type RoleConstraints,
  type RoleInfo,
  type RoleInput,
  type RolegateError,
  type RolegateErrorCode,
  type TwilioActionId,
  type Violation,
  type ViolationCode,
  type VoiceflowActionId,
} from "rolegate";
import init, { initSync, type InitInput, type InitOutput, PolicyEngine as WebPolicyEngine } from "rolegate/web";
import { bindPermissions, type PermissionBinding, type PermissionChange, type PermissionChecker } from "rolegate/dom";

/** Fails to compile unless `value` has exactly type T (not just assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function exactly<T>() {
  return <V>(value: V & (Equal<T, V> extends true ? unknown : never)): V => value;
}

const AC1 = "organization:acme/account:AC1";

// Building engines
const twilio: PolicyEngine = PolicyEngine.builtin("twilio");
const voiceflow = PolicyEngine.builtin("voiceflow");
// @ts-expect-error: only the two built-in catalogs exist
PolicyEngine.builtin("salesforce");
const description: ActionDeclaration = { id: "shop.order.refund", description: "Refund" };
const doc = {
  name: "shop",
  scopeKinds: ["organization", "store"],
  seats: ["free", "paid"],
  actions: ["shop.order.read", description],
  roles: [
    { id: "clerk", name: "Clerk", scopes: ["store"], grants: ["shop.order.read"], seat: "free" },
    { id: "manager", name: "Manager", type: "custom", scopes: ["store"], grants: ["shop.*"], inherits: ["clerk"], denies: [], seat: "paid", constraints: { heldAlone: true, requiresAbove: { store: ["clerk"] } } },
  ],
  pages: [{ id: "orders", title: "Orders", path: "/orders", section: "Shop", parent: null, scopeKind: "store", requires: { anyOf: ["shop.order.read"] } }],
} as const satisfies PolicyDocument;
const shop = new PolicyEngine(doc);
const fromText = PolicyEngine.fromJson(JSON.stringify(doc));
// @ts-expect-error: the constructor takes the document as an object, not JSON text
new PolicyEngine(JSON.stringify(doc));
// @ts-expect-error: a document needs scopeKinds
new PolicyEngine({ name: "x", actions: [], roles: [] });
// @ts-expect-error: a role needs the scope kinds it can be held at
new PolicyEngine({ name: "x", scopeKinds: ["org"], actions: [], roles: [{ id: "r", name: "R" }] });
const name: string = fromText.name;

// Questions
const assignment: Assignment = { role: "studio-admin", scope: AC1 };
const roles: RoleInput = [assignment, "support", { role: "developer" }, { role: "owner", scope: null }];
const allowed: boolean = twilio.canPerform(roles, `${AC1}/subaccount:SA1`, "studio.flow.update");
// @ts-expect-error: a number where a scope string belongs
twilio.canPerform(roles, 42, "studio.flow.update");
// @ts-expect-error: roles are ids or assignments
twilio.canPerform([{ scope: AC1 }], AC1, "studio.flow.update");
const pages: ConsolePage[] = twilio.visibleConsolePages(roles);
const pagesHere = twilio.visibleConsolePages("owner", AC1);
const firstPage = pagesHere[0];
const requirement: PageRequirement | null | undefined = firstPage?.requires;
const parent: string | null | undefined = firstPage?.parent;
const decision: Decision = twilio.explain(roles, AC1, "studio.flow.update");
const granted: DecidingPattern[] = decision.grantedBy;
const who: AssignmentView | undefined = decision.applicable[0];
const wouldGrant: string[] = decision.wouldGrant;
const principal: Principal = twilio.principal(roles);
exactly<boolean>()(principal.canPerform(AC1, "studio.flow.read"));
exactly<ConsolePage[]>()(principal.visibleConsolePages());
const askFor: RoleInfo[] = twilio.rolesGranting("studio.flow.update", AC1);
const info = askFor[0];
const constraints: RoleConstraints | undefined = info?.constraints;
const product: string | null | undefined = info?.product;
const violations: Violation[] = shop.checkAssignments([{ role: "manager", scope: "organization:o/store:s" }]);
const code: ViolationCode | undefined = violations[0]?.code;
const seat: string | null = shop.billingSeat("manager", "organization:o/store:s");
const lists: [RoleInfo[], string[], ConsolePage[], string[]] = [voiceflow.roles(), voiceflow.actions(), voiceflow.pages(), voiceflow.scopeKinds()];
principal.free();
fromText.free();

// Typed action ids: a built-in catalog's engine takes only its own.
const typed = PolicyEngine.builtin("twilio");
exactly<PolicyEngine<TwilioActionId>>()(typed);
exactly<PolicyEngine<VoiceflowActionId>>()(PolicyEngine.builtin("voiceflow"));
exactly<boolean>()(typed.canPerform(roles, AC1, "studio.flow.update"));
// @ts-expect-error: a misspelt action of the twilio catalog
typed.canPerform(roles, AC1, "studio.flow.updte");
// @ts-expect-error: a voiceflow action on the twilio engine
typed.canPerform(roles, AC1, "project.canvas.update");
// @ts-expect-error: explain checks the action too
typed.explain(roles, AC1, "studio.flows.read");
// @ts-expect-error: and rolesGranting
typed.rolesGranting("studio.flow.raed", AC1);
const typedPrincipal = typed.principal(roles);
exactly<Principal<TwilioActionId>>()(typedPrincipal);
exactly<boolean>()(typedPrincipal.canPerform(AC1, "studio.execution.read"));
// @ts-expect-error: and a principal of a typed engine
typedPrincipal.canPerform(AC1, "studio.execution.reed");
exactly<TwilioActionId[]>()(typed.actions());
// Role ids stay strings: they come from data.
typed.canPerform("not-a-declared-role-but-a-string", AC1, "studio.flow.read");
// An action from data: checked with isAction, no cast.
const fromData: string = String(new URLSearchParams("a=studio.flow.read").get("a"));
// @ts-expect-error: a string is not known to be one of the catalog's actions
typed.canPerform(roles, AC1, fromData);
if (typed.isAction(fromData)) {
  exactly<TwilioActionId>()(fromData);
  typed.canPerform(roles, AC1, fromData);
}
// Untyped engines take any string; a typed engine is still a PolicyEngine.
const untyped = PolicyEngine.fromJson("{}");
exactly<PolicyEngine<string>>()(untyped);
untyped.canPerform(roles, AC1, "any.string.at-all");
const general: PolicyEngine = typed;
exactly<string[]>()(general.actions());
// Typed from the ids `rolegate types` writes: given, or inferred from the declared type.
type ShopAction = "shop.order.read" | "shop.order.refund";
const shopTyped = PolicyEngine.fromJson<ShopAction>(JSON.stringify(doc));
const shopInferred: PolicyEngine<ShopAction> = PolicyEngine.fromJson(JSON.stringify(doc));
shopInferred.canPerform("clerk", "organization:o/store:s", "shop.order.read");
// @ts-expect-error: not one of the typed ids
shopTyped.canPerform("clerk", "organization:o/store:s", "shop.order.delete");
const shopEngine = new PolicyEngine<ShopAction>(doc);
// @ts-expect-error: nor through the constructor's type
shopEngine.principal("clerk").canPerform("organization:o/store:s", "shop.order.delete");

// The default engine
setDefaultEngine(typed);
setDefaultEngine(shop);
const defaultName: string = defaultEngine().name;
exactly<boolean>()(canPerform("clerk", "organization:o/store:s", "shop.order.read"));
exactly<ConsolePage[]>()(visibleConsolePages("clerk"));
// @ts-expect-error: setDefaultEngine takes an engine
setDefaultEngine(doc);

// Errors
try {
  twilio.canPerform("owner", "acme", "studio.flow.read");
} catch (e) {
  // @ts-expect-error: a caught value is unknown until narrowed
  e.code;
  if (isRolegateError(e)) {
    const err: RolegateError = e;
    const c: RolegateErrorCode = err.code;
    const help: string | null = err.help;
    const problems: PolicyProblem[] = err.errors;
    exactly<"RolegateError">()(err.name);
    if (c === "BAD_SCOPE" || c === "POLICY_INVALID") console.log(help, problems.map((p) => `${p.path}: ${p.message}`));
    // @ts-expect-error: not one of the seven codes
    if (c === "NOT_FOUND") console.log(err.message);
  }
}

// rolegate/web
async function start(): Promise<void> {
  const output: InitOutput = await init();
  const bytes: InitInput = new Uint8Array(output.memory.buffer.byteLength);
  await init({ module_or_path: fetch("/rolegate_bg.wasm") });
  initSync({ module: new WebAssembly.Module(new Uint8Array(8)) });
  // @ts-expect-error: initSync takes { module }
  initSync("/rolegate_bg.wasm");
  console.log(bytes, new WebPolicyEngine(doc).name);
}

// rolegate/dom
const checker: PermissionChecker = principal;
const binding: PermissionBinding = bindPermissions(document.body, checker, {
  scope: AC1,
  mode: "disable",
  onChange: (change: PermissionChange) => console.log(change.element.tagName, change.action, change.scope, change.allowed, change.error),
});
binding.update(twilio.principal("support"), AC1);
binding.update();
binding.disconnect();
// @ts-expect-error: the modes are "hide" and "disable"
bindPermissions(document.body, principal, { mode: "remove" });
// @ts-expect-error: a principal, not a role list
bindPermissions(document.body, roles);

console.log(name, allowed, pages, requirement, parent, granted, who, wouldGrant, constraints, product, code, seat, lists, defaultName, start);
