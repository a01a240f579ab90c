//! The built-in `voiceflow` catalog: one test per statement of the vendor's page
//! (shared/seeds/voiceflow-roles.txt) and of the fact sheet's [doc] lines, named after it, each
//! asked through the engine. Then the console pages: a table of what each role sees, and the
//! property that `visible_console_pages` agrees with `can_perform` everywhere.
#![cfg(not(target_arch = "wasm32"))] // native suite; the browser suite is tests/web.rs

mod catalog_common;

use catalog_common::*;
use rolegate::{ErrorCode, PolicyEngine};
use std::collections::BTreeSet;

const ORG: &str = "organization:acme";
const W1: &str = "organization:acme/workspace:W1";
const P1: &str = "organization:acme/workspace:W1/project:P1";
const P2: &str = "organization:acme/workspace:W1/project:P2";
const W2: &str = "organization:acme/workspace:W2";
const W2_P3: &str = "organization:acme/workspace:W2/project:P3";
const OTHER_ORG: &str = "organization:globex";
const OTHER_W: &str = "organization:globex/workspace:W9";

const ROLES: [&str; 5] = ["owner", "admin", "editor", "viewer", "billing"];
const WORKSPACE_ROLES: [&str; 5] = ROLES;

fn voiceflow() -> PolicyEngine {
    engine("voiceflow")
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Everything `role` held at W1 may do at `scope`.
fn at_w1(e: &PolicyEngine, role: &str, scope: &str) -> BTreeSet<String> {
    allowed(e, &[at(role, W1)], scope)
}

/// Whether `role` held at W1 may do `action` in the workspace or, for `project.*`, in project P1.
fn w1_can(e: &PolicyEngine, role: &str, action: &str) -> bool {
    let scope = if action.starts_with("project.") { P1 } else { W1 };
    role_can(e, role, W1, scope, action)
}

fn assert_w1(e: &PolicyEngine, role: &str, actions: &[&str], expect: bool) {
    for action in actions {
        assert_eq!(
            w1_can(e, role, action),
            expect,
            "`{role}` at W1: `{action}` should be {}",
            if expect { "allowed" } else { "denied" }
        );
    }
}

fn seat(e: &PolicyEngine, held: &[rolegate::Assignment], scope: &str) -> Option<String> {
    e.billing_seat(held, scope).unwrap_or_else(|err| panic!("billing_seat({held:?}, {scope}): {err:?}"))
}

const EDIT_AND_PUBLISH: [&str; 3] = ["project.canvas.update", "project.content.update", "project.version.publish"];
const VIEW_PROJECT: [&str; 2] = ["project.canvas.read", "project.content.read"];
const INVITE_REMOVE: [&str; 2] = ["workspace.member.invite", "workspace.member.remove"];
const MANAGE_PERMISSIONS: [&str; 3] =
    ["workspace.role.assign-editor", "workspace.role.assign-admin", "workspace.role.grant-project"];
const BILLING: [&str; 2] = ["billing.subscription.read", "billing.subscription.update"];

// ---------------------------------------------------------------------------------------------
// The catalog itself

#[test]
fn the_voiceflow_catalog_loads_with_its_five_roles_and_seats() {
    let e = voiceflow();
    assert_eq!(e.name(), "voiceflow");
    let ids: Vec<&str> = e.roles().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ROLES);
    let names: Vec<&str> = e.roles().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Owner", "Admin", "Editor", "Viewer", "Billing"]);
    assert_eq!(e.document().seats, ["free", "editor"]);
    let again = PolicyEngine::from_json(include_str!("../src/catalogs/voiceflow.json")).unwrap();
    assert_eq!(again.roles(), e.roles());
}

// ---------------------------------------------------------------------------------------------
// The vendor page, statement by statement

/// "Roles are defined at the organization, workspace, and project levels."
#[test]
fn roles_are_defined_at_the_organization_workspace_and_project_levels() {
    let e = voiceflow();
    assert_eq!(e.scope_kinds(), ["organization", "workspace", "project"]);
    assert_assignable(&e, "owner", ORG);
    for role in WORKSPACE_ROLES {
        assert_assignable(&e, role, W1);
    }
    e.can_perform(&[at("viewer", W1), at("editor", P1)], P1, "project.canvas.update").unwrap();
    for role in ["admin", "editor", "viewer", "billing"] {
        assert_not_assignable(&e, role, ORG);
    }
}

/// "Owners have full control over their workspace."
#[test]
fn owners_have_full_control_over_their_workspace() {
    let e = voiceflow();
    for action in e.actions().into_iter().filter(|a| !a.starts_with("org.")) {
        assert!(w1_can(&e, "owner", action), "{action}");
    }
    assert!(at_w1(&e, "owner", W2).is_empty(), "only their workspace");
}

/// "Owners on Enterprise plan have full control over all workspaces owned by an organization."
#[test]
fn owners_on_enterprise_plan_have_full_control_over_all_workspaces_owned_by_an_organization() {
    let e = voiceflow();
    let all: BTreeSet<String> = e.actions().into_iter().map(str::to_owned).collect();
    for scope in [ORG, W1, P1, P2, W2, W2_P3] {
        assert_eq!(allowed(&e, &[at("owner", ORG)], scope), all, "{scope}");
    }
    assert!(allowed(&e, &[at("owner", ORG)], OTHER_W).is_empty());
}

/// Owners can: "Modify workspace settings"
#[test]
fn owners_can_modify_workspace_settings() {
    assert_w1(&voiceflow(), "owner", &["workspace.settings.update"], true);
}

/// Owners can: "Invite or remove members from the workspace"
#[test]
fn owners_can_invite_or_remove_members_from_the_workspace() {
    assert_w1(&voiceflow(), "owner", &INVITE_REMOVE, true);
}

/// Owners can: "Manage permissions for users in the workspace"
#[test]
fn owners_can_manage_permissions_for_users_in_the_workspace() {
    assert_w1(&voiceflow(), "owner", &MANAGE_PERMISSIONS, true);
}

/// Owners can: "Change billing and subscription settings"
#[test]
fn owners_can_change_billing_and_subscription_settings() {
    assert_w1(&voiceflow(), "owner", &BILLING, true);
}

/// Owners can: "Edit and publish all projects in the workspace"
#[test]
fn owners_can_edit_and_publish_all_projects_in_the_workspace() {
    let e = voiceflow();
    for project in [P1, P2] {
        for action in EDIT_AND_PUBLISH {
            assert!(role_can(&e, "owner", W1, project, action), "{project} {action}");
        }
    }
}

/// "The person who creates a workspace is automatically made its Owner." The creator's role is the
/// one that holds the workspace outright: the only role that hands ownership on.
#[test]
fn the_person_who_creates_a_workspace_is_automatically_made_its_owner() {
    let e = voiceflow();
    assert_assignable(&e, "owner", W1);
    assert_eq!(roles_granting(&e, "workspace.ownership.transfer", Some(W1)), set(&["owner"]));
}

/// "Owners also count as Workspace Editors."
#[test]
fn owners_also_count_as_workspace_editors() {
    let e = voiceflow();
    assert_strict_subset(&at_w1(&e, "editor", P1), &at_w1(&e, "owner", P1), "editor ⊂ owner at a project");
    assert_strict_subset(&at_w1(&e, "editor", W1), &at_w1(&e, "owner", W1), "editor ⊂ owner at the workspace");
    assert_eq!(seat(&e, &[at("owner", W1)], W1).as_deref(), Some("editor"));
}

/// "Admins have full control within a specific workspace."
#[test]
fn admins_have_full_control_within_a_specific_workspace() {
    let e = voiceflow();
    for action in e.actions().into_iter().filter(|a| !a.starts_with("org.") && *a != "workspace.ownership.transfer") {
        assert!(w1_can(&e, "admin", action), "{action}");
    }
    assert!(at_w1(&e, "admin", W2).is_empty() && at_w1(&e, "admin", W2_P3).is_empty(), "within W1 only");
    assert!(at_w1(&e, "admin", ORG).is_empty());
}

/// Admins can: "Modify workspace settings"
#[test]
fn admins_can_modify_workspace_settings() {
    assert_w1(&voiceflow(), "admin", &["workspace.settings.update"], true);
}

/// Admins can: "Invite or remove members from the workspace"
#[test]
fn admins_can_invite_or_remove_members_from_the_workspace() {
    assert_w1(&voiceflow(), "admin", &INVITE_REMOVE, true);
}

/// Admins can: "Manage permissions within the workspace"
#[test]
fn admins_can_manage_permissions_within_the_workspace() {
    let e = voiceflow();
    assert_w1(&e, "admin", &MANAGE_PERMISSIONS, true);
    assert!(!role_can(&e, "admin", W1, W2, "workspace.role.assign-editor"));
}

/// Admins can: "Edit and publish all projects in the workspace"
#[test]
fn admins_can_edit_and_publish_all_projects_in_the_workspace() {
    let e = voiceflow();
    for project in [P1, P2] {
        for action in EDIT_AND_PUBLISH {
            assert!(role_can(&e, "admin", W1, project, action), "{project} {action}");
        }
    }
}

/// Admins can: "Update billing and subscription details for that workspace"
#[test]
fn admins_can_update_billing_and_subscription_details_for_that_workspace() {
    let e = voiceflow();
    assert_w1(&e, "admin", &BILLING, true);
    assert!(!role_can(&e, "admin", W1, W2, "billing.subscription.update"));
}

/// "Editors build and manage assistants inside the workspace."
#[test]
fn editors_build_and_manage_assistants_inside_the_workspace() {
    let e = voiceflow();
    assert_w1(
        &e,
        "editor",
        &["workspace.project.create", "workspace.project.read", "project.canvas.update", "project.settings.update"],
        true,
    );
    assert!(!role_can(&e, "editor", W1, W2, "workspace.project.create"));
}

/// Editors can: "Edit and publish all projects in the workspace"
#[test]
fn editors_can_edit_and_publish_all_projects_in_the_workspace() {
    let e = voiceflow();
    for project in [P1, P2] {
        for action in EDIT_AND_PUBLISH {
            assert!(role_can(&e, "editor", W1, project, action), "{project} {action}");
        }
    }
}

/// Editors can: "Manage project settings"
#[test]
fn editors_can_manage_project_settings() {
    assert_w1(&voiceflow(), "editor", &["project.settings.update"], true);
}

/// Editors can: "Import and export projects"
#[test]
fn editors_can_import_and_export_projects() {
    assert_w1(&voiceflow(), "editor", &["workspace.project.import", "project.export"], true);
}

/// "Editors cannot invite new members."
#[test]
fn editors_cannot_invite_new_members() {
    let e = voiceflow();
    assert_w1(
        &e,
        "editor",
        &["workspace.member.invite", "workspace.role.assign-viewer", "workspace.role.assign-editor"],
        false,
    );
    assert!(!roles_granting(&e, "workspace.member.invite", None).contains("editor"));
}

/// "Viewers can see the contents of project but cannot make edits."
#[test]
fn viewers_can_see_the_contents_of_projects_but_cannot_make_edits() {
    let e = voiceflow();
    assert_w1(&e, "viewer", &VIEW_PROJECT, true);
    assert_w1(&e, "viewer", &EDIT_AND_PUBLISH, false);
    assert_w1(
        &e,
        "viewer",
        &["project.settings.update", "workspace.project.create", "workspace.project.import", "project.export"],
        false,
    );
}

/// Viewers can: "View all projects in a workspace"
#[test]
fn viewers_can_view_all_projects_in_a_workspace() {
    let e = voiceflow();
    assert!(role_can(&e, "viewer", W1, W1, "workspace.project.read"));
    for project in [P1, P2] {
        for action in VIEW_PROJECT {
            assert!(role_can(&e, "viewer", W1, project, action), "{project} {action}");
        }
    }
}

/// Viewers can: "Leave comments on projects in a workspace"
#[test]
fn viewers_can_leave_comments_on_projects_in_a_workspace() {
    let e = voiceflow();
    assert!(role_can(&e, "viewer", W1, P1, "project.comment.create"));
    assert!(role_can(&e, "viewer", W1, P2, "project.comment.create"));
    assert!(!role_can(&e, "viewer", W1, W2_P3, "project.comment.create"));
}

/// "The Billing role is workspace-specific ..."
#[test]
fn the_billing_role_is_workspace_specific() {
    let e = voiceflow();
    assert_eq!(e.roles().iter().find(|r| r.id == "billing").unwrap().scopes, ["workspace"]);
    assert_not_assignable(&e, "billing", ORG);
    assert_not_assignable(&e, "billing", P1);
    assert!(at_w1(&e, "billing", W2).is_empty());
}

/// Billing users can: "View all projects in a workspace"
#[test]
fn billing_users_can_view_all_projects_in_a_workspace() {
    let e = voiceflow();
    for project in [P1, P2] {
        for action in VIEW_PROJECT {
            assert!(role_can(&e, "billing", W1, project, action), "{project} {action}");
        }
    }
    assert_w1(&e, "billing", &EDIT_AND_PUBLISH, false);
}

/// Billing users can: "Leave comments on projects in a workspace"
#[test]
fn billing_users_can_leave_comments_on_projects_in_a_workspace() {
    assert_w1(&voiceflow(), "billing", &["project.comment.create"], true);
}

/// Billing users can: "Manage billing and subscription settings"
#[test]
fn billing_users_can_manage_billing_and_subscription_settings() {
    assert_w1(&voiceflow(), "billing", &BILLING, true);
}

/// Billing users can: "Invite or remove members"
#[test]
fn billing_users_can_invite_or_remove_members() {
    let e = voiceflow();
    assert_w1(&e, "billing", &INVITE_REMOVE, true);
    assert_w1(
        &e,
        "billing",
        &["workspace.settings.update", "workspace.role.assign-editor", "workspace.role.grant-project"],
        false,
    );
}

/// "You can give view-only roles (Viewer or Billing) edit access to specific projects."
#[test]
fn view_only_roles_can_be_given_edit_access_to_specific_projects() {
    let e = voiceflow();
    for base in ["viewer", "billing"] {
        let held = [at(base, W1), at("editor", P1)];
        assert_eq!(violations(&e, &held), vec![], "{base}");
        for action in EDIT_AND_PUBLISH {
            assert!(can(&e, &held, P1, action), "{base}: {action} on P1");
            assert!(!can(&e, &held, P2, action), "{base}: {action} on P2");
        }
    }
}

/// "Project-level permissions only apply to Viewers or Billing roles."
#[test]
fn project_level_permissions_only_apply_to_viewers_or_billing_roles() {
    let e = voiceflow();
    for base in ["owner", "admin", "editor"] {
        let v = violations(&e, &[at(base, W1), at("editor", P1)]);
        assert_eq!(v, vec![("REQUIRES_ROLE_ABOVE".to_string(), "editor".to_string())], "{base}");
    }
    // A Viewer of another workspace does not qualify either.
    let v = violations(&e, &[at("viewer", W2), at("editor", P1)]);
    assert_eq!(v, vec![("REQUIRES_ROLE_ABOVE".to_string(), "editor".to_string())]);
    // The violation names the project scope.
    let full = e.check_assignments(&[at("admin", W1), at("editor", P1)]).unwrap();
    assert_eq!(full[0].scope.as_deref(), Some(P1));
}

/// "Owners, Admins, and Editors already have full edit access across all projects."
#[test]
fn owners_admins_and_editors_already_have_full_edit_access_across_all_projects() {
    let e = voiceflow();
    for role in ["owner", "admin", "editor"] {
        for project in [P1, P2] {
            for action in EDIT_AND_PUBLISH.iter().chain(&["project.settings.update", "project.export"]) {
                assert!(role_can(&e, role, W1, project, action), "{role} {project} {action}");
            }
        }
    }
}

/// "They cannot be restricted to Viewers on single projects."
#[test]
fn owners_admins_and_editors_cannot_be_restricted_to_viewers_on_single_projects() {
    let e = voiceflow();
    // Viewer is not a project-level role at all ...
    assert_not_assignable(&e, "viewer", P1);
    let err = e.can_perform(&[at("editor", W1), at("viewer", P1)], P1, "project.canvas.update").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotAssignable);
    // ... and no role denies anything, so nothing held at a project takes edit access away.
    for role in e.roles() {
        assert!(role.denies.is_empty(), "{} denies", role.id);
    }
    for role in ["owner", "admin", "editor"] {
        let held = [at(role, W1), at("editor", P1)];
        for action in EDIT_AND_PUBLISH {
            assert!(can(&e, &held, P2, action), "{role} keeps {action} on P2");
        }
    }
}

/// "If a Viewer is given project-level edit access, they count as an Editor for billing purposes."
#[test]
fn a_viewer_given_project_level_edit_access_counts_as_an_editor_for_billing() {
    let e = voiceflow();
    assert_eq!(seat(&e, &[at("viewer", W1)], W1).as_deref(), Some("free"));
    let held = [at("viewer", W1), at("editor", P1)];
    assert_eq!(seat(&e, &held, W1).as_deref(), Some("editor"));
    assert_eq!(seat(&e, &held, P1).as_deref(), Some("editor"));
    assert_eq!(seat(&e, &held, W2), None);
}

// ---------------------------------------------------------------------------------------------
// The fact sheet's [doc] lines and the brief

/// "Every workspace member sees every project of the workspace."
#[test]
fn every_workspace_member_sees_every_project_of_the_workspace() {
    let e = voiceflow();
    for role in WORKSPACE_ROLES {
        assert!(role_can(&e, role, W1, W1, "workspace.project.read"), "{role}");
        for project in [P1, P2] {
            assert!(role_can(&e, role, W1, project, "project.canvas.read"), "{role} {project}");
        }
    }
}

/// "A person is added to a project only if already a workspace member."
#[test]
fn a_person_is_added_to_a_project_only_if_already_a_workspace_member() {
    let e = voiceflow();
    assert_eq!(violations(&e, &[at("editor", P1)]), vec![("REQUIRES_ROLE_ABOVE".to_string(), "editor".to_string())]);
    assert_eq!(violations(&e, &[at("viewer", W2), at("editor", P1)]).len(), 1);
    assert_eq!(violations(&e, &[at("billing", W1), at("editor", P1)]), vec![]);
}

/// "Owner ... on Enterprise, full control over every workspace of the organization (create
/// workspaces, organization settings, members everywhere)."
#[test]
fn enterprise_owners_create_workspaces_change_organization_settings_and_manage_members_everywhere() {
    let e = voiceflow();
    for action in ["org.workspace.manage", "org.settings.update", "org.member.manage"] {
        assert!(role_can(&e, "owner", ORG, ORG, action), "{action}");
        assert!(!role_can(&e, "owner", W1, ORG, action), "a workspace owner does not reach the organization: {action}");
        assert_eq!(roles_granting(&e, action, Some(ORG)), set(&["owner"]));
    }
    for scope in [W1, W2] {
        assert!(role_can(&e, "owner", ORG, scope, "workspace.member.invite"), "{scope}");
    }
}

/// "Owner ... Counts as an Editor for billing."
#[test]
fn owners_count_as_editors_for_billing() {
    let e = voiceflow();
    assert_eq!(seat(&e, &[at("owner", W1)], W1).as_deref(), Some("editor"));
    assert_eq!(seat(&e, &[at("owner", ORG)], W2).as_deref(), Some("editor"));
}

/// "Admin: ... Everything except transferring ownership."
#[test]
fn admins_can_do_everything_except_transferring_ownership() {
    let e = voiceflow();
    // In the workspace, the organization's own actions aside, Owner and Admin differ by one action.
    let missing: BTreeSet<String> = at_w1(&e, "owner", W1)
        .difference(&at_w1(&e, "admin", W1))
        .filter(|a| !a.starts_with("org."))
        .cloned()
        .collect();
    assert_eq!(missing, set(&["workspace.ownership.transfer"]));
    // In its projects, none.
    let project = |role: &str| -> BTreeSet<String> {
        at_w1(&e, role, P1).into_iter().filter(|a| a.starts_with("project.")).collect()
    };
    assert_eq!(project("admin"), project("owner"));
    assert!(!w1_can(&e, "admin", "workspace.ownership.transfer"));
}

/// "Editor: ... Cannot invite members, cannot change workspace settings."
#[test]
fn editors_cannot_change_workspace_settings() {
    let e = voiceflow();
    assert_w1(
        &e,
        "editor",
        &["workspace.settings.update", "workspace.member.invite", "workspace.member.remove"],
        false,
    );
}

/// "A member can assign roles only at or below their own."
#[test]
fn a_member_can_assign_roles_only_at_or_below_their_own() {
    let e = voiceflow();
    let assign = [
        ("owner", "workspace.ownership.transfer"),
        ("admin", "workspace.role.assign-admin"),
        ("editor", "workspace.role.assign-editor"),
        ("viewer", "workspace.role.assign-viewer"),
        ("billing", "workspace.role.assign-billing"),
    ];
    let everything =
        |role: &str| -> BTreeSet<String> { at_w1(&e, role, W1).union(&at_w1(&e, role, P1)).cloned().collect() };
    let mut table = Vec::new();
    for assigner in ROLES {
        for (target, action) in assign {
            if w1_can(&e, assigner, action) {
                assert_subset(&everything(target), &everything(assigner), &format!("{assigner} assigns {target}"));
                table.push((assigner, target));
            }
        }
    }
    assert_eq!(
        table,
        [
            ("owner", "owner"),
            ("owner", "admin"),
            ("owner", "editor"),
            ("owner", "viewer"),
            ("owner", "billing"),
            ("admin", "admin"),
            ("admin", "editor"),
            ("admin", "viewer"),
            ("admin", "billing"),
            ("billing", "viewer"),
            ("billing", "billing"),
        ]
    );
}

/// "Viewer and Billing seats are free; Editor seats are paid" [code], and the brief's billingSeat:
/// owner, admin, editor, and a viewer with a project edit grant take an editor seat; viewer and
/// billing a free one.
#[test]
fn billing_seats_owner_admin_editor_and_project_editors_are_paid_viewer_and_billing_are_free() {
    let e = voiceflow();
    let table: [(&[rolegate::Assignment], Option<&str>); 8] = [
        (&[at("owner", W1)], Some("editor")),
        (&[at("admin", W1)], Some("editor")),
        (&[at("editor", W1)], Some("editor")),
        (&[at("viewer", W1)], Some("free")),
        (&[at("billing", W1)], Some("free")),
        (&[at("viewer", W1), at("editor", P1)], Some("editor")),
        (&[at("billing", W1), at("editor", P2)], Some("editor")),
        (&[], None),
    ];
    for (held, expected) in table {
        assert_eq!(seat(&e, held, W1).as_deref(), expected, "{held:?}");
    }
    assert_eq!(seat(&e, &[at("editor", W2)], W1), None, "a seat in another workspace does not count");
}

/// "Workspace roles do not cross workspaces."
#[test]
fn workspace_roles_do_not_cross_workspaces() {
    let e = voiceflow();
    for role in WORKSPACE_ROLES {
        for scope in [ORG, W2, W2_P3, OTHER_ORG, OTHER_W] {
            assert!(at_w1(&e, role, scope).is_empty(), "{role} at W1 reaches {scope}");
        }
    }
}

/// "owner ⊇ admin ⊃ editor ⊃ viewer"
#[test]
fn owner_includes_admin_includes_editor_includes_viewer() {
    let e = voiceflow();
    for scope in [W1, P1] {
        let (owner, admin, editor, viewer) = (
            at_w1(&e, "owner", scope),
            at_w1(&e, "admin", scope),
            at_w1(&e, "editor", scope),
            at_w1(&e, "viewer", scope),
        );
        assert_subset(&admin, &owner, "admin ⊆ owner");
        assert_strict_subset(&viewer, &editor, "viewer ⊂ editor");
        if scope == W1 {
            assert_strict_subset(&editor, &admin, "editor ⊂ admin");
        } else {
            assert_subset(&editor, &admin, "editor ⊆ admin at a project");
        }
    }
}

/// "billing = viewer + billing/subscription + inviting and removing members"
#[test]
fn billing_is_viewer_plus_billing_and_subscription_plus_inviting_and_removing_members() {
    let e = voiceflow();
    let viewer = at_w1(&e, "viewer", W1);
    let billing = at_w1(&e, "billing", W1);
    let added: BTreeSet<String> = billing.difference(&viewer).cloned().collect();
    assert!(viewer.is_subset(&billing));
    assert_eq!(
        added,
        set(&[
            "billing.subscription.read",
            "billing.subscription.update",
            "workspace.member.invite",
            "workspace.member.remove",
            // inviting means choosing the newcomer's role, at or below Billing's own
            "workspace.role.assign-viewer",
            "workspace.role.assign-billing",
        ])
    );
    let project = |role: &str| -> BTreeSet<String> {
        at_w1(&e, role, P1).into_iter().filter(|a| a.starts_with("project.")).collect()
    };
    assert_eq!(project("billing"), project("viewer"), "in a project, Billing is a Viewer");
}

/// "Editor held at a project is the project-level edit grant ... reaching that project only."
#[test]
fn a_project_edit_grant_reaches_that_project_only() {
    let e = voiceflow();
    let held = [at("viewer", W1), at("editor", P1)];
    let p1 = allowed(&e, &held, P1);
    let p2 = allowed(&e, &held, P2);
    assert_eq!(p2, at_w1(&e, "viewer", P2));
    // On P1 the project's own actions are an Editor's; workspace-wide ones stay the workspace
    // role's (the next test).
    let part = |set: &BTreeSet<String>, prefix: &str| -> BTreeSet<String> {
        set.iter().filter(|a| a.starts_with(prefix)).cloned().collect()
    };
    let editor = allowed(&e, &[at("editor", W1)], P1);
    assert_eq!(part(&p1, "project."), part(&editor, "project."), "on P1 the grant is an Editor's");
    assert_eq!(part(&p1, "workspace."), part(&at_w1(&e, "viewer", P1), "workspace."));
    assert!(allowed(&e, &[at("editor", P1)], W1).is_empty(), "nothing at the workspace");
    assert!(allowed(&e, &held, W2_P3).is_empty());
}

/// [code] "a few workspace-wide actions (managing projects, adding collaborators) always use the
/// workspace role": a project edit grant does not create or import projects, nor invite.
#[test]
fn workspace_wide_actions_always_use_the_workspace_role() {
    let e = voiceflow();
    let held = [at("viewer", W1), at("editor", P1)];
    for action in [
        "workspace.project.create",
        "workspace.project.import",
        "workspace.member.invite",
        "workspace.role.grant-project",
    ] {
        assert!(!can(&e, &held, W1, action), "{action}");
        // Nor at the project itself, where the project grant is held: these act on the workspace.
        assert!(!can(&e, &held, P1, action), "{action} at the project");
    }
    // An editor of the whole workspace creates and imports projects, from anywhere inside it.
    for action in ["workspace.project.create", "workspace.project.import"] {
        assert!(can(&e, &[at("editor", W1)], W1, action), "{action}");
        assert!(can(&e, &[at("editor", W1)], P1, action), "{action} at a project");
    }
}

// ---------------------------------------------------------------------------------------------
// Console pages

#[test]
fn console_pages_are_listed_in_navigation_order_with_sections() {
    let e = voiceflow();
    let pages: Vec<(&str, &str, &str)> =
        e.pages().iter().map(|p| (p.id.as_str(), p.section.as_str(), p.scope_kind.as_str())).collect();
    assert_eq!(
        pages,
        [
            ("workspace.dashboard", "Workspace", "workspace"),
            ("workspace.members", "Workspace", "workspace"),
            ("workspace.billing", "Workspace", "workspace"),
            ("workspace.settings", "Workspace", "workspace"),
            ("organization.settings", "Organization", "organization"),
            ("organization.workspaces", "Organization", "organization"),
            ("organization.members", "Organization", "organization"),
            ("project.canvas", "Project", "project"),
            ("project.content", "Project", "project"),
            ("project.publishing", "Project", "project"),
            ("project.settings", "Project", "project"),
            ("project.transcripts", "Project", "project"),
            ("project.analytics", "Project", "project"),
            ("project.prototype", "Project", "project"),
        ]
    );
}

/// Each page's requirement is the action that using it needs.
#[test]
fn each_console_page_requires_the_action_that_using_it_needs() {
    let e = voiceflow();
    let table = [
        ("workspace.dashboard", "workspace.project.read"),
        ("workspace.members", "workspace.member.read"),
        ("workspace.billing", "billing.subscription.read"),
        ("workspace.settings", "workspace.settings.update"),
        ("organization.settings", "org.settings.update"),
        ("organization.workspaces", "org.workspace.manage"),
        ("organization.members", "org.member.manage"),
        ("project.canvas", "project.canvas.read"),
        ("project.content", "project.content.read"),
        ("project.publishing", "project.version.publish"),
        ("project.settings", "project.settings.update"),
        ("project.transcripts", "project.transcript.read"),
        ("project.analytics", "project.analytics.read"),
        ("project.prototype", "project.prototype.run"),
    ];
    assert_page_requirements(&e, &table);
}

/// For each role, the pages it sees in a project of its workspace, in its workspace, and in the
/// organization.
#[test]
fn table_of_console_pages_each_role_sees() {
    const WS: [&str; 4] = ["workspace.dashboard", "workspace.members", "workspace.billing", "workspace.settings"];
    const ORG_PAGES: [&str; 3] = ["organization.settings", "organization.workspaces", "organization.members"];
    const PROJECT: [&str; 7] = [
        "project.canvas",
        "project.content",
        "project.publishing",
        "project.settings",
        "project.transcripts",
        "project.analytics",
        "project.prototype",
    ];
    const VIEW: [&str; 5] =
        ["project.canvas", "project.content", "project.transcripts", "project.analytics", "project.prototype"];
    let e = voiceflow();
    let full: Vec<&str> = [&WS[..], &PROJECT].concat();
    let editor: Vec<&str> = [&["workspace.dashboard", "workspace.members"][..], &PROJECT].concat();
    let viewer: Vec<&str> = [&["workspace.dashboard", "workspace.members"][..], &VIEW].concat();
    let billing: Vec<&str> = [&["workspace.dashboard", "workspace.members", "workspace.billing"][..], &VIEW].concat();
    // (assignments, pages seen at a project P1 of W1)
    let rows: Vec<(Vec<rolegate::Assignment>, Vec<&str>)> = vec![
        (vec![at("owner", ORG)], [&WS[..], &ORG_PAGES, &PROJECT].concat()),
        (vec![at("admin", W1)], full.clone()),
        (vec![at("editor", W1)], editor.clone()),
        (vec![at("viewer", W1)], viewer.clone()),
        (vec![at("billing", W1)], billing.clone()),
        (vec![at("viewer", W1), at("editor", P1)], editor.clone()),
        (
            vec![at("billing", W1), at("editor", P1)],
            [&["workspace.dashboard", "workspace.members", "workspace.billing"][..], &PROJECT].concat(),
        ),
    ];
    for (held, expected) in &rows {
        assert_eq!(&page_ids(&e, held, Some(P1)), expected, "{held:?} at P1");
        let elsewhere = if held[0].role == "owner" { OTHER_W } else { W2_P3 };
        assert!(page_ids(&e, held, Some(elsewhere)).is_empty(), "{held:?} sees nothing in another workspace");
    }
    // A project edit grant shows the editing pages on that project only.
    assert_eq!(page_ids(&e, &[at("viewer", W1), at("editor", P1)], Some(P2)), viewer);
    // The organization pages: the Enterprise owner only.
    assert_eq!(page_ids(&e, &[at("owner", ORG)], Some(ORG)), [&WS[..], &ORG_PAGES, &PROJECT].concat());
    for role in ["owner", "admin", "editor", "viewer", "billing"] {
        assert!(page_ids(&e, &[at(role, W1)], Some(ORG)).is_empty(), "{role} at W1 sees nothing at the organization");
        // Nor the organization pages in its own workspace, asked there or with no scope.
        for scope in [Some(W1), None] {
            let pages = page_ids(&e, &[at(role, W1)], scope);
            assert!(!pages.iter().any(|p| ORG_PAGES.contains(&p.as_str())), "{role} at W1 ({scope:?}) sees {pages:?}");
        }
    }
    // With no scope asked: the pages usable where each assignment is held.
    assert_eq!(page_ids(&e, &[at("viewer", W1)], None), viewer);
    assert_eq!(page_ids(&e, &[at("viewer", W1), at("editor", P1)], None), editor);
}

/// visibleConsolePages agrees with canPerform on every page, for every role held at every kind it
/// can be held at, queried at a set of scopes; then for random combinations of assignments.
#[test]
fn visible_console_pages_agree_with_can_perform_for_every_role_and_scope() {
    let e = voiceflow();
    let queries = [ORG, W1, P1, P2, W2, W2_P3, OTHER_ORG, OTHER_W];
    let candidates = [ORG, W1, P1, P2, W2, W2_P3, OTHER_W];
    let mut checked = 0;
    for role in e.roles() {
        for held_at in scopes_of_kinds(&candidates, &role.scopes) {
            assert_pages_agree_with_can_perform(&e, &[at(&role.id, held_at)], &queries);
            checked += 1;
        }
    }
    assert!(checked >= 5 * 3);
    let mut rng = Rng::new(0x0f10_0002);
    let ids: Vec<String> = e.roles().iter().map(|r| r.id.clone()).collect();
    for _ in 0..200 {
        let n = 1 + (rng.next() % 4) as usize;
        let mut held = Vec::new();
        while held.len() < n {
            let role = rng.pick(&ids);
            let info = e.roles().iter().find(|r| &r.id == role).unwrap();
            let places = scopes_of_kinds(&candidates, &info.scopes);
            let place: &str = places[(rng.next() % places.len() as u64) as usize];
            held.push(at(role, place));
        }
        assert_pages_agree_with_can_perform(&e, &held, &queries);
    }
}

#[test]
fn docs_catalogs_md_has_a_voiceflow_section_with_its_roles_scopes_and_pages() {
    assert_documented(&voiceflow());
}

/// An Owner held at a workspace asks why the organization's settings are closed: the answer says
/// the role runs them held at the organization, not at a workspace.
#[test]
fn a_denial_says_where_the_role_that_would_grant_it_must_be_held() {
    let e = voiceflow();
    let d = e.explain(&[at("owner", W1)], W1, "org.settings.update").unwrap();
    assert!(!d.allowed);
    assert_eq!(d.would_grant, ["owner"]);
    assert!(d.reason.contains("owner (held at the organization level)"), "{}", d.reason);
}
