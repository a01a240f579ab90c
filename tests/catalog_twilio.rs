//! The built-in `twilio` catalog: one test per statement of the vendor's page
//! (shared/seeds/twilio-roles.txt) and of the fact sheet's [doc] lines, named after it, each asked
//! through the engine. Then the console pages: a table of what each role sees, and the property
//! that `visible_console_pages` agrees with `can_perform` everywhere.
#![cfg(not(target_arch = "wasm32"))] // native suite; the browser suite is tests/web.rs

mod catalog_common;

use catalog_common::*;
use rolegate::{ErrorCode, PolicyEngine};
use std::collections::BTreeSet;

const ORG: &str = "organization:acme";
const AC1: &str = "organization:acme/account:AC1";
const SA1: &str = "organization:acme/account:AC1/subaccount:SA1";
const SA2: &str = "organization:acme/account:AC1/subaccount:SA2";
const AC2: &str = "organization:acme/account:AC2";
const AC2_SA3: &str = "organization:acme/account:AC2/subaccount:SA3";
const OTHER_ORG: &str = "organization:globex";
const OTHER_AC: &str = "organization:globex/account:AC9";

/// The catalog's text, as embedded in the crate.
const SOURCE: &str = include_str!("../src/catalogs/twilio.json");

const KINDS: [&str; 3] = ["organization", "account", "subaccount"];
const GENERAL: [&str; 5] = ["owner", "administrator", "developer", "billing-manager", "support"];
const BUILT_IN: [&str; 15] = [
    "studio-viewer",
    "studio-admin",
    "numbers-configuration-editor",
    "numbers-configuration-viewer",
    "numbers-inventory-manager",
    "messaging-services-configurator",
    "messaging-services-viewer",
    "messaging-settings-admin",
    "messaging-settings-viewer",
    "whatsapp-senders-admin",
    "whatsapp-senders-viewer",
    "content-template-builder-admin",
    "content-template-builder-viewer",
    "voice-intelligence-admin",
    "voice-intelligence-viewer",
];
const ORGANIZATION: [&str; 3] = ["organization-owner", "organization-admin", "organization-standard-user"];

fn twilio() -> PolicyEngine {
    engine("twilio")
}

/// The scope a role is naturally held at in these tests: general roles at an account, organization
/// roles at the organization, built-in roles at an account.
fn home(role: &str) -> &'static str {
    if ORGANIZATION.contains(&role) {
        ORG
    } else {
        AC1
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn role_info<'e>(e: &'e PolicyEngine, id: &str) -> &'e rolegate::RoleInfo {
    e.roles().iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no role `{id}`"))
}

fn actions_with_prefix(e: &PolicyEngine, prefix: &str) -> BTreeSet<String> {
    e.actions().into_iter().filter(|a| a.starts_with(prefix)).map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------------
// The catalog itself

#[test]
fn the_twilio_catalog_loads_with_scope_kinds_organization_account_subaccount() {
    let e = twilio();
    assert_eq!(e.name(), "twilio");
    assert_eq!(e.scope_kinds(), KINDS.map(String::from));
    // It is the same document a user could load: round-trip the embedded source through from_json.
    let again = PolicyEngine::from_json(SOURCE).unwrap();
    assert_eq!(again.roles(), e.roles());
}

#[test]
fn the_catalog_has_all_23_roles_with_the_design_ids() {
    let e = twilio();
    let ids: Vec<&str> = e.roles().iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<&str> = GENERAL.iter().chain(&BUILT_IN).chain(&ORGANIZATION).copied().collect();
    assert_eq!(ids, expected);
}

// ---------------------------------------------------------------------------------------------
// The vendor page, statement by statement

/// "There are 3 types of roles: General roles, Built-in roles and Organization roles."
#[test]
fn there_are_three_types_of_roles_general_built_in_and_organization() {
    let e = twilio();
    let of_type =
        |t: &str| -> Vec<&str> { e.roles().iter().filter(|r| r.role_type == t).map(|r| r.id.as_str()).collect() };
    assert_eq!(of_type("general"), GENERAL);
    assert_eq!(of_type("built-in"), BUILT_IN);
    assert_eq!(of_type("organization"), ORGANIZATION);
    let types: BTreeSet<&str> = e.roles().iter().map(|r| r.role_type.as_str()).collect();
    assert_eq!(types, BTreeSet::from(["built-in", "general", "organization"]));
}

/// "General roles aren't product-specific ..."
#[test]
fn general_roles_are_not_product_specific() {
    let e = twilio();
    for id in GENERAL {
        assert_eq!(role_info(&e, id).product, None, "{id}");
    }
    // Developer alone already reaches several products.
    let products: BTreeSet<String> =
        role_allows(&e, "developer", AC1).iter().map(|a| a.split('.').next().unwrap().to_owned()).collect();
    assert!(products.len() >= 4, "developer reaches {products:?}");
}

/// "... and apply only to the account scope."
#[test]
fn general_roles_apply_only_to_the_account_scope() {
    let e = twilio();
    for id in GENERAL {
        assert_eq!(role_info(&e, id).scopes, vec!["account".to_string()], "{id}");
        assert_assignable(&e, id, AC1);
        assert_not_assignable(&e, id, ORG);
        assert_not_assignable(&e, id, SA1);
    }
    // Not assignable where it is not held either: asking for an organization scope with the role
    // held "wherever the question asks" is refused the same way.
    let err = e.can_perform(&[rolegate::Assignment::role("developer")], ORG, "monitor.log.read").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotAssignable);
    // roles_granting at an organization scope lists no general role.
    assert!(roles_granting(&e, "monitor.log.read", Some(ORG)).is_disjoint(&set(&GENERAL)));
}

/// "Built-in roles represent known access patterns for a Twilio product and are offered
/// out-of-the-box as part of the Twilio platform."
#[test]
fn built_in_roles_represent_known_access_patterns_for_a_twilio_product() {
    let e = twilio();
    for id in BUILT_IN {
        let info = role_info(&e, id);
        let product = info.product.clone().unwrap_or_else(|| panic!("{id} has no product"));
        let granted = role_allows(&e, id, AC1);
        assert!(!granted.is_empty(), "{id} grants nothing");
        assert!(granted.iter().all(|a| a.starts_with(&format!("{product}."))), "{id}: {granted:?}");
    }
}

/// "Built-in roles can be assigned at organization, account, and subaccount scopes."
#[test]
fn built_in_roles_can_be_assigned_at_organization_account_and_subaccount_scopes() {
    let e = twilio();
    for id in BUILT_IN {
        assert_eq!(role_info(&e, id).scopes, KINDS.map(String::from), "{id}");
        for scope in [ORG, AC1, SA1] {
            assert_assignable(&e, id, scope);
        }
    }
}

/// "Organization scope roles can access all of the accounts and subaccounts of the organization."
#[test]
fn organization_scope_roles_can_access_all_accounts_and_subaccounts_of_the_organization() {
    let e = twilio();
    for scope in [ORG, AC1, SA1, SA2, AC2, AC2_SA3] {
        assert!(role_can(&e, "studio-admin", ORG, scope, "studio.flow.update"), "{scope}");
    }
    assert!(!role_can(&e, "studio-admin", ORG, OTHER_AC, "studio.flow.update"));
}

/// "Account scope roles can access all the subaccounts of the account."
#[test]
fn account_scope_roles_can_access_all_subaccounts_of_the_account() {
    let e = twilio();
    for scope in [AC1, SA1, SA2] {
        assert!(role_can(&e, "studio-viewer", AC1, scope, "studio.flow.read"), "{scope}");
    }
    for scope in [ORG, AC2, AC2_SA3] {
        assert!(!role_can(&e, "studio-viewer", AC1, scope, "studio.flow.read"), "{scope}");
    }
}

/// "Subaccount scope roles can access only that subaccount."
#[test]
fn subaccount_scope_roles_can_access_only_that_subaccount() {
    let e = twilio();
    assert!(role_can(&e, "studio-viewer", SA1, SA1, "studio.flow.read"));
    for scope in [ORG, AC1, SA2, AC2, AC2_SA3] {
        assert!(!role_can(&e, "studio-viewer", SA1, scope, "studio.flow.read"), "{scope}");
    }
}

/// "The following table lists all the built-in roles." (Product Group, Built-in Role name, Description)
#[test]
fn the_built_in_roles_table_lists_every_role_with_the_vendors_group_name_and_description() {
    let table: [(&str, &str, &str, &str); 15] = [
        ("studio-viewer", "Studio", "Studio Viewer", "Ability to view any Flow, export Flow definitions, and see Execution logs. This role provides access to Studio pages for Console users."),
        ("studio-admin", "Studio", "Studio Admin", "Full access to create, read, update and delete Flows and view Execution logs. This role provides access to Studio pages for Console users."),
        ("numbers-configuration-editor", "Phone numbers", "Numbers Configuration Editor", "Provides access to configure pre-purchased numbers for using Voice & Messaging features. This role does not allow access to buy a number or create new regulatory bundles."),
        ("numbers-configuration-viewer", "Phone numbers", "Numbers Configuration Viewer", "Provides read only access to view numbers configurations for Voice & Messaging features. This role does not allow access to configure numbers, buy a number, or create new regulatory bundles."),
        ("numbers-inventory-manager", "Phone numbers", "Numbers Inventory Manager", "Provides access to buy a number and repurchase released numbers. This role does not allow access to configure numbers and create new regulatory bundles."),
        ("messaging-services-configurator", "Messaging", "Messaging Services Configurator", "Provides permissions to view and configure messaging services and regulatory compliance details for messaging."),
        ("messaging-services-viewer", "Messaging", "Messaging Services Viewer", "Provides permissions to view messaging services and regulatory compliance details for messaging. This role does not allow users to configure existing messaging services."),
        ("messaging-settings-admin", "Messaging", "Messaging Settings Admin", "Provides admin permissions for Messaging Settings. Users can update general settings, create message log archives, and update geo permissions."),
        ("messaging-settings-viewer", "Messaging", "Messaging Settings Viewer", "Provides read-only permissions for Messaging Settings. Users can view general settings, message log archives, and geo permissions."),
        ("whatsapp-senders-admin", "Messaging", "WhatsApp Senders Admin", "Provides admin permissions for WhatsApp Senders. Users can view, create, update or delete WhatsApp Senders for messaging."),
        ("whatsapp-senders-viewer", "Messaging", "WhatsApp Senders Viewer", "Provides read-only permissions for WhatsApp Senders."),
        ("content-template-builder-admin", "Messaging", "Content Template Builder Admin", "Provides admin permissions for Content Template Builder. Users can view, create, update, or delete Content Templates for messaging."),
        ("content-template-builder-viewer", "Messaging", "Content Template Builder Viewer", "Provides read-only permissions for Content Template Builder."),
        ("voice-intelligence-admin", "Voice", "Voice Intelligence Admin", "Provides permissions to view, modify and configure voice intelligence transcripts and services."),
        ("voice-intelligence-viewer", "Voice", "Voice Intelligence Viewer", "Provides permissions to view voice intelligence transcripts and services."),
    ];
    let e = twilio();
    let built_in: Vec<&rolegate::RoleInfo> = e.roles().iter().filter(|r| r.role_type == "built-in").collect();
    assert_eq!(built_in.len(), table.len());
    for ((id, group, name, description), info) in table.iter().zip(built_in) {
        assert_eq!(info.id, *id);
        assert_eq!(info.group.as_deref(), Some(*group), "{id}");
        assert_eq!(info.name, *name, "{id}");
        assert_eq!(info.description, *description, "{id}");
    }
}

/// Studio Viewer: "Ability to view any Flow, export Flow definitions, and see Execution logs."
#[test]
fn studio_viewer_can_view_any_flow_export_flow_definitions_and_see_execution_logs() {
    let e = twilio();
    assert_role(&e, "studio-viewer", AC1, &["studio.flow.read", "studio.flow.export", "studio.execution.read"], true);
    assert_role(&e, "studio-viewer", AC1, &["studio.flow.create", "studio.flow.update", "studio.flow.delete"], false);
}

/// Studio Viewer: "This role provides access to Studio pages for Console users."
#[test]
fn studio_viewer_provides_access_to_studio_pages_for_console_users() {
    let e = twilio();
    let pages = e.visible_console_pages(&[at("studio-viewer", AC1)], None).unwrap();
    assert!(!pages.is_empty());
    assert!(pages.iter().all(|p| p.section == "Studio"), "{:?}", pages.iter().map(|p| &p.id).collect::<Vec<_>>());
    assert_eq!(page_ids(&e, &[at("studio-viewer", AC1)], None), ["studio.flows", "studio.executions"]);
}

/// Studio Admin: "Full access to create, read, update and delete Flows and view Execution logs."
#[test]
fn studio_admin_has_full_access_to_create_read_update_and_delete_flows_and_view_execution_logs() {
    let e = twilio();
    let all = [
        "studio.flow.create",
        "studio.flow.read",
        "studio.flow.update",
        "studio.flow.delete",
        "studio.flow.export",
        "studio.execution.read",
    ];
    assert_role(&e, "studio-admin", AC1, &all, true);
    assert_eq!(role_allows(&e, "studio-admin", AC1), actions_with_prefix(&e, "studio."));
}

/// Studio Admin: "This role provides access to Studio pages for Console users."
#[test]
fn studio_admin_provides_access_to_studio_pages_for_console_users() {
    let e = twilio();
    assert_eq!(page_ids(&e, &[at("studio-admin", AC1)], None), ["studio.flows", "studio.executions"]);
}

/// Numbers Configuration Editor: "Provides access to configure pre-purchased numbers for using
/// Voice & Messaging features."
#[test]
fn numbers_configuration_editor_can_configure_pre_purchased_numbers_for_voice_and_messaging() {
    let e = twilio();
    assert_role(
        &e,
        "numbers-configuration-editor",
        AC1,
        &["numbers.number.read", "numbers.config.read", "numbers.config.update"],
        true,
    );
}

/// Numbers Configuration Editor: "This role does not allow access to buy a number or create new
/// regulatory bundles."
#[test]
fn numbers_configuration_editor_cannot_buy_a_number_or_create_new_regulatory_bundles() {
    let e = twilio();
    assert_role(&e, "numbers-configuration-editor", AC1, &["numbers.number.buy", "numbers.regulatory.create"], false);
}

/// Numbers Configuration Viewer: "Provides read only access to view numbers configurations for
/// Voice & Messaging features."
#[test]
fn numbers_configuration_viewer_has_read_only_access_to_number_configurations() {
    let e = twilio();
    assert_role(&e, "numbers-configuration-viewer", AC1, &["numbers.number.read", "numbers.config.read"], true);
    let granted = role_allows(&e, "numbers-configuration-viewer", AC1);
    assert!(granted.iter().all(|a| a.ends_with(".read")), "read only: {granted:?}");
}

/// Numbers Configuration Viewer: "This role does not allow access to configure numbers, buy a
/// number, or create new regulatory bundles."
#[test]
fn numbers_configuration_viewer_cannot_configure_numbers_buy_a_number_or_create_new_regulatory_bundles() {
    let e = twilio();
    assert_role(
        &e,
        "numbers-configuration-viewer",
        AC1,
        &["numbers.config.update", "numbers.number.buy", "numbers.regulatory.create"],
        false,
    );
}

/// Numbers Inventory Manager: "Provides access to buy a number and repurchase released numbers."
#[test]
fn numbers_inventory_manager_can_buy_a_number_and_repurchase_released_numbers() {
    let e = twilio();
    assert_role(&e, "numbers-inventory-manager", AC1, &["numbers.number.buy", "numbers.number.repurchase"], true);
}

/// Numbers Inventory Manager: "This role does not allow access to configure numbers and create new
/// regulatory bundles."
#[test]
fn numbers_inventory_manager_cannot_configure_numbers_or_create_new_regulatory_bundles() {
    let e = twilio();
    assert_role(&e, "numbers-inventory-manager", AC1, &["numbers.config.update", "numbers.regulatory.create"], false);
}

/// Messaging Services Configurator: "Provides permissions to view and configure messaging services
/// and regulatory compliance details for messaging."
#[test]
fn messaging_services_configurator_can_view_and_configure_messaging_services_and_regulatory_compliance() {
    let e = twilio();
    let mut expected = actions_with_prefix(&e, "messaging.service.");
    expected.extend(actions_with_prefix(&e, "messaging.compliance."));
    assert!(expected.contains("messaging.service.update") && expected.contains("messaging.compliance.update"));
    assert_eq!(role_allows(&e, "messaging-services-configurator", AC1), expected);
}

/// Messaging Services Viewer: "Provides permissions to view messaging services and regulatory
/// compliance details for messaging."
#[test]
fn messaging_services_viewer_can_view_messaging_services_and_regulatory_compliance_details() {
    let e = twilio();
    assert_eq!(
        role_allows(&e, "messaging-services-viewer", AC1),
        set(&["messaging.service.read", "messaging.compliance.read"])
    );
}

/// Messaging Services Viewer: "This role does not allow users to configure existing messaging services."
#[test]
fn messaging_services_viewer_cannot_configure_existing_messaging_services() {
    let e = twilio();
    assert_role(
        &e,
        "messaging-services-viewer",
        AC1,
        &["messaging.service.update", "messaging.service.delete", "messaging.compliance.update"],
        false,
    );
}

/// Messaging Settings Admin: "Provides admin permissions for Messaging Settings."
#[test]
fn messaging_settings_admin_has_admin_permissions_for_messaging_settings() {
    let e = twilio();
    let mut settings = actions_with_prefix(&e, "messaging.settings.");
    settings.extend(actions_with_prefix(&e, "messaging.archive."));
    settings.extend(actions_with_prefix(&e, "messaging.geo."));
    assert_eq!(role_allows(&e, "messaging-settings-admin", AC1), settings);
}

/// Messaging Settings Admin: "Users can update general settings, create message log archives, and
/// update geo permissions."
#[test]
fn messaging_settings_admin_can_update_general_settings_create_log_archives_and_update_geo_permissions() {
    let e = twilio();
    assert_role(
        &e,
        "messaging-settings-admin",
        AC1,
        &["messaging.settings.update", "messaging.archive.create", "messaging.geo.update"],
        true,
    );
}

/// Messaging Settings Viewer: "Provides read-only permissions for Messaging Settings."
#[test]
fn messaging_settings_viewer_has_read_only_permissions_for_messaging_settings() {
    let e = twilio();
    assert_role(
        &e,
        "messaging-settings-viewer",
        AC1,
        &["messaging.settings.update", "messaging.archive.create", "messaging.geo.update"],
        false,
    );
    assert!(role_allows(&e, "messaging-settings-viewer", AC1).iter().all(|a| a.ends_with(".read")));
}

/// Messaging Settings Viewer: "Users can view general settings, message log archives, and geo permissions."
#[test]
fn messaging_settings_viewer_can_view_general_settings_log_archives_and_geo_permissions() {
    let e = twilio();
    assert_eq!(
        role_allows(&e, "messaging-settings-viewer", AC1),
        set(&["messaging.settings.read", "messaging.archive.read", "messaging.geo.read"])
    );
}

/// WhatsApp Senders Admin: "Provides admin permissions for WhatsApp Senders. Users can view,
/// create, update or delete WhatsApp Senders for messaging."
#[test]
fn whatsapp_senders_admin_can_view_create_update_or_delete_whatsapp_senders() {
    let e = twilio();
    let crud = [
        "messaging.whatsapp.read",
        "messaging.whatsapp.create",
        "messaging.whatsapp.update",
        "messaging.whatsapp.delete",
    ];
    assert_role(&e, "whatsapp-senders-admin", AC1, &crud, true);
    assert_eq!(role_allows(&e, "whatsapp-senders-admin", AC1), set(&crud));
}

/// WhatsApp Senders Viewer: "Provides read-only permissions for WhatsApp Senders."
#[test]
fn whatsapp_senders_viewer_has_read_only_permissions_for_whatsapp_senders() {
    let e = twilio();
    assert_eq!(role_allows(&e, "whatsapp-senders-viewer", AC1), set(&["messaging.whatsapp.read"]));
}

/// Content Template Builder Admin: "Provides admin permissions for Content Template Builder. Users
/// can view, create, update, or delete Content Templates for messaging."
#[test]
fn content_template_builder_admin_can_view_create_update_or_delete_content_templates() {
    let e = twilio();
    let crud = [
        "messaging.template.read",
        "messaging.template.create",
        "messaging.template.update",
        "messaging.template.delete",
    ];
    assert_eq!(role_allows(&e, "content-template-builder-admin", AC1), set(&crud));
}

/// Content Template Builder Viewer: "Provides read-only permissions for Content Template Builder."
#[test]
fn content_template_builder_viewer_has_read_only_permissions_for_content_template_builder() {
    let e = twilio();
    assert_eq!(role_allows(&e, "content-template-builder-viewer", AC1), set(&["messaging.template.read"]));
}

/// Voice Intelligence Admin: "Provides permissions to view, modify and configure voice intelligence
/// transcripts and services."
#[test]
fn voice_intelligence_admin_can_view_modify_and_configure_transcripts_and_services() {
    let e = twilio();
    assert_role(
        &e,
        "voice-intelligence-admin",
        AC1,
        &[
            "voice-intelligence.transcript.read",
            "voice-intelligence.transcript.update",
            "voice-intelligence.service.read",
            "voice-intelligence.service.update",
        ],
        true,
    );
    assert_eq!(role_allows(&e, "voice-intelligence-admin", AC1), actions_with_prefix(&e, "voice-intelligence."));
}

/// Voice Intelligence Viewer: "Provides permissions to view voice intelligence transcripts and services."
#[test]
fn voice_intelligence_viewer_can_view_transcripts_and_services() {
    let e = twilio();
    assert_eq!(
        role_allows(&e, "voice-intelligence-viewer", AC1),
        set(&["voice-intelligence.transcript.read", "voice-intelligence.service.read"])
    );
}

/// "There are three Organization roles: Organization Owner, Organization Admin and Organization
/// standard user."
#[test]
fn there_are_three_organization_roles_owner_admin_and_standard_user() {
    let e = twilio();
    let names: Vec<(&str, &str)> =
        e.roles().iter().filter(|r| r.role_type == "organization").map(|r| (r.id.as_str(), r.name.as_str())).collect();
    assert_eq!(
        names,
        [
            ("organization-owner", "Organization Owner"),
            ("organization-admin", "Organization Admin"),
            ("organization-standard-user", "Organization standard user")
        ]
    );
    for id in ORGANIZATION {
        assert_eq!(role_info(&e, id).scopes, vec!["organization".to_string()]);
        assert_assignable(&e, id, ORG);
        assert_not_assignable(&e, id, AC1);
    }
}

/// "Organization Owner and Organization Admin roles give access to the Twilio Admin which is used to
/// manage Organization level operations and settings."
#[test]
fn organization_owner_and_organization_admin_give_access_to_the_twilio_admin() {
    let e = twilio();
    let admin_pages: Vec<&str> = e.pages().iter().filter(|p| p.section == "Admin").map(|p| p.id.as_str()).collect();
    assert_eq!(admin_pages, ["admin.users", "admin.accounts", "admin.roles"]);
    for role in ["organization-owner", "organization-admin"] {
        let seen = page_ids(&e, &[at(role, ORG)], Some(ORG));
        assert_eq!(seen, admin_pages, "{role}");
    }
    assert!(page_ids(&e, &[at("organization-standard-user", ORG)], Some(ORG)).is_empty());
    // An account Owner is no organization admin.
    assert!(!role_can(&e, "owner", AC1, AC1, "org.user.read"));
    assert!(!page_ids(&e, &[at("owner", AC1)], None).iter().any(|p| p.starts_with("admin.")));
}

// ---------------------------------------------------------------------------------------------
// The fact sheet's [doc] lines

/// "Scopes: organization > account > subaccount. A role held at a scope reaches that scope and
/// everything below it."
#[test]
fn a_role_held_at_a_scope_reaches_that_scope_and_everything_below_it() {
    let e = twilio();
    let scopes = [ORG, AC1, SA1, SA2, AC2, AC2_SA3];
    for held in scopes {
        for target in scopes {
            let below = target == held || target.starts_with(&format!("{held}/"));
            assert_eq!(
                role_can(&e, "messaging-services-viewer", held, target, "messaging.service.read"),
                below,
                "{held} → {target}"
            );
        }
    }
    // General roles likewise: held at the account, they reach its subaccounts.
    assert!(role_can(&e, "support", AC1, SA1, "monitor.log.read"));
    assert!(!role_can(&e, "support", AC1, AC2, "monitor.log.read"));
}

/// "Owner: exactly one per account (the creator); everything, including closing the account."
#[test]
fn owner_has_everything_in_the_account_including_closing_it() {
    let e = twilio();
    let account_actions: BTreeSet<String> =
        e.actions().into_iter().filter(|a| !a.starts_with("org.")).map(str::to_owned).collect();
    assert_eq!(role_allows(&e, "owner", AC1), account_actions);
    assert!(role_can(&e, "owner", AC1, AC1, "account.close"));
}

/// "Owner: exactly one per account (the creator)": the one role that closes the account, held alone.
/// (That a second user cannot also be Owner is the vendor's assignment-time rule across users;
/// the engine evaluates one principal.)
#[test]
fn owner_is_the_single_creator_role_and_the_only_one_that_closes_the_account() {
    let e = twilio();
    assert_eq!(roles_granting(&e, "account.close", Some(AC1)), set(&["owner"]));
    assert!(role_info(&e, "owner").description.contains("Exactly one per account"));
}

/// "Administrator: everything the other general roles have, ..."
#[test]
fn administrator_has_everything_the_other_general_roles_have() {
    let e = twilio();
    let admin = role_allows(&e, "administrator", AC1);
    for other in ["developer", "billing-manager", "support"] {
        assert_strict_subset(&role_allows(&e, other, AC1), &admin, other);
    }
}

/// "... plus user management (invite, revoke, change roles), billing, project settings and Trust Hub; ..."
#[test]
fn administrator_adds_user_management_billing_project_settings_and_trust_hub() {
    let e = twilio();
    let plus = [
        "account.user.read",
        "account.user.invite",
        "account.user.remove",
        "account.user.update-role",
        "billing.history.read",
        "billing.settings.update",
        "account.settings.read",
        "account.settings.update",
        "trusthub.profile.read",
        "trusthub.profile.update",
    ];
    assert_role(&e, "administrator", AC1, &plus, true);
    for action in ["account.user.invite", "account.settings.update", "trusthub.profile.update"] {
        assert!(!role_can(&e, "developer", AC1, AC1, action), "{action}");
    }
}

/// "... cannot close the account."
#[test]
fn administrator_cannot_close_the_account() {
    let e = twilio();
    assert!(!role_can(&e, "administrator", AC1, AC1, "account.close"));
}

/// "Owner above administrator" (the brief): Owner has all an Administrator has, and more.
#[test]
fn owner_is_above_administrator() {
    let e = twilio();
    assert_strict_subset(
        &role_allows(&e, "administrator", AC1),
        &role_allows(&e, "owner", AC1),
        "administrator ⊂ owner",
    );
}

/// "Developer: API credentials, phone number management, developer tools, product logs and usage."
#[test]
fn developer_has_api_credentials_phone_numbers_developer_tools_logs_and_usage() {
    let e = twilio();
    assert_role(
        &e,
        "developer",
        AC1,
        &[
            "account.api-key.read",
            "account.api-key.manage",
            "numbers.number.buy",
            "numbers.number.release",
            "numbers.config.update",
            "numbers.regulatory.create",
            "devtools.twiml-bin.update",
            "studio.flow.update",
            "monitor.log.read",
            "monitor.usage.read",
        ],
        true,
    );
    assert_role(
        &e,
        "developer",
        AC1,
        &[
            "billing.history.read",
            "account.settings.update",
            "account.user.invite",
            "trusthub.profile.read",
            "account.close",
        ],
        false,
    );
}

/// "Billing Manager: billing history and settings, product logs and usage."
#[test]
fn billing_manager_has_billing_history_and_settings_logs_and_usage() {
    let e = twilio();
    let expected: BTreeSet<String> =
        actions_with_prefix(&e, "billing.").union(&actions_with_prefix(&e, "monitor.")).cloned().collect();
    assert_eq!(role_allows(&e, "billing-manager", AC1), expected);
}

/// "Support: product logs and usage only."
#[test]
fn support_has_product_logs_and_usage_only() {
    let e = twilio();
    assert_eq!(role_allows(&e, "support", AC1), set(&["monitor.log.read", "monitor.usage.read"]));
}

/// "Owner and Administrator are held alone; ..."
#[test]
fn owner_and_administrator_are_held_alone() {
    let e = twilio();
    for alone in ["owner", "administrator"] {
        for other in GENERAL.iter().chain(&BUILT_IN).filter(|o| **o != alone) {
            let v = violations(&e, &[at(alone, AC1), at(other, AC1)]);
            assert!(v.contains(&("HELD_ALONE".into(), alone.into())), "{alone} + {other}: {v:?}");
        }
        // Alone at one account and another role at another account is fine.
        assert_eq!(violations(&e, &[at(alone, AC1), at("developer", AC2)]), vec![]);
    }
}

/// "... Developer, Billing Manager and Support combine."
#[test]
fn developer_billing_manager_and_support_combine() {
    let e = twilio();
    let held = [at("developer", AC1), at("billing-manager", AC1), at("support", AC1)];
    assert_eq!(violations(&e, &held), vec![]);
    let union = allowed(&e, &held, AC1);
    for role in ["developer", "billing-manager", "support"] {
        assert_subset(&role_allows(&e, role, AC1), &union, role);
    }
    assert!(can(&e, &held, AC1, "billing.settings.update") && can(&e, &held, AC1, "account.api-key.manage"));
}

/// "Only Owner and Administrator add users or change another user's role."
#[test]
fn only_owner_and_administrator_add_users_or_change_another_users_role() {
    let e = twilio();
    for action in ["account.user.invite", "account.user.update-role", "account.user.remove"] {
        assert_eq!(roles_granting(&e, action, None), set(&["owner", "administrator"]), "{action}");
    }
}

/// The permission matrix of the general roles.
#[test]
fn general_roles_permission_matrix() {
    // area, its actions, then Owner, Administrator, Developer, Billing Manager, Support.
    let matrix: [(&str, &[&str], [bool; 5]); 8] = [
        ("API credentials", &["account.api-key.read", "account.api-key.manage"], [true, true, true, false, false]),
        (
            "billing history and settings",
            &["billing.history.read", "billing.settings.read", "billing.settings.update"],
            [true, true, false, true, false],
        ),
        (
            "developer tools",
            &["devtools.twiml-bin.read", "devtools.twiml-bin.update"],
            [true, true, true, false, false],
        ),
        (
            "manage phone numbers",
            &["numbers.number.buy", "numbers.number.release", "numbers.config.update"],
            [true, true, true, false, false],
        ),
        ("product logs and usage", &["monitor.log.read", "monitor.usage.read"], [true, true, true, true, true]),
        ("project settings", &["account.settings.read", "account.settings.update"], [true, true, false, false, false]),
        ("Trust Hub", &["trusthub.profile.read", "trusthub.profile.update"], [true, true, false, false, false]),
        (
            "user management",
            &["account.user.read", "account.user.invite", "account.user.remove", "account.user.update-role"],
            [true, true, false, false, false],
        ),
    ];
    let e = twilio();
    for (area, actions, row) in matrix {
        for (role, expect) in GENERAL.iter().zip(row) {
            for action in actions {
                assert_eq!(role_can(&e, role, AC1, SA1, action), expect, "{area}: {role} / {action}");
            }
        }
    }
}

/// "Built-in roles [doc]: ... each grants only its own product's actions."
#[test]
fn built_in_roles_each_grant_only_their_own_products_actions() {
    let e = twilio();
    for action in e.actions() {
        let product = action.split('.').next().unwrap();
        for role in e.roles_granting(action, None).unwrap() {
            if role.role_type == "built-in" {
                assert_eq!(role.product.as_deref(), Some(product), "{} grants {action}", role.id);
            }
        }
    }
    // And the loader enforces it: a product role granting outside its product is refused.
    let source = SOURCE;
    let bad = source.replacen("\"grants\": [\"studio.*\"]", "\"grants\": [\"studio.*\", \"billing.history.read\"]", 1);
    assert_ne!(bad, source);
    let err = PolicyEngine::from_json(&bad).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    assert!(err.problems().iter().any(|p| p.path.starts_with("/roles/6/grants")), "{:?}", err.problems());
}

/// "The role API carries a product group and the lowest scope a role can be assigned at."
#[test]
fn the_role_api_carries_a_product_group_and_the_lowest_scope_a_role_can_be_assigned_at() {
    let e = twilio();
    let lowest = |id: &str| -> String {
        let info = role_info(&e, id);
        e.scope_kinds().iter().rev().find(|k| info.scopes.contains(k)).cloned().unwrap()
    };
    for id in BUILT_IN {
        assert!(role_info(&e, id).group.is_some(), "{id}");
        assert_eq!(lowest(id), "subaccount", "{id}");
    }
    for id in GENERAL {
        assert_eq!(lowest(id), "account");
    }
    for id in ORGANIZATION {
        assert_eq!(lowest(id), "organization");
    }
    let groups: BTreeSet<&str> = e.roles().iter().filter_map(|r| r.group.as_deref()).collect();
    assert_eq!(groups, BTreeSet::from(["Messaging", "Phone numbers", "Studio", "Voice"]));
}

/// "A user may hold several roles at several scopes" (the vendor caps built-in roles at 50 per
/// user; the cap is an assignment-time rule of the vendor's API).
#[test]
fn a_user_may_hold_several_roles_at_several_scopes() {
    let e = twilio();
    let held = [
        at("studio-viewer", ORG),
        at("studio-admin", SA1),
        at("numbers-inventory-manager", AC2),
        at("whatsapp-senders-admin", AC1),
        at("developer", AC2),
    ];
    assert_eq!(violations(&e, &held), vec![]);
    assert!(can(&e, &held, AC2_SA3, "studio.flow.read"));
    assert!(can(&e, &held, AC2_SA3, "studio.flow.update"), "through Developer at AC2");
    assert!(!can(&e, &held, ORG, "studio.flow.update"));
    assert!(can(&e, &held, SA1, "studio.flow.update"));
    assert!(!can(&e, &held, SA2, "studio.flow.update"));
    assert!(can(&e, &held, AC2, "numbers.number.buy") && !can(&e, &held, AC1, "numbers.number.buy"));
    assert!(can(&e, &held, SA2, "messaging.whatsapp.delete"));
    assert!(can(&e, &held, AC2_SA3, "account.api-key.manage") && !can(&e, &held, AC1, "account.api-key.manage"));
    // Fifty built-in roles across scopes evaluate like any other list.
    let many: Vec<_> =
        (0..50).map(|i| at(BUILT_IN[i % BUILT_IN.len()], &format!("{ORG}/account:AC{i}/subaccount:S{i}"))).collect();
    assert_eq!(violations(&e, &many), vec![]);
    assert!(can(&e, &many, &format!("{ORG}/account:AC1/subaccount:S1"), "studio.flow.update"));
    assert!(!can(&e, &many, &format!("{ORG}/account:AC1/subaccount:S0"), "studio.flow.update"));
}

/// "Owner and Admin reach the organization admin area (managed users: invite, delete, assign to
/// accounts, require 2FA; managed accounts; role assignments)."
#[test]
fn organization_owner_and_admin_reach_the_organization_admin_area() {
    let e = twilio();
    let area = [
        "org.user.read",
        "org.user.invite",
        "org.user.delete",
        "org.user.assign",
        "org.user.require-2fa",
        "org.account.read",
        "org.account.manage",
        "org.role.read",
        "org.role.assign",
    ];
    for role in ["organization-owner", "organization-admin"] {
        assert_role(&e, role, ORG, &area, true);
        assert!(!role_can(&e, role, ORG, OTHER_ORG, "org.user.read"), "{role} stays in its organization");
    }
    assert_role(&e, "organization-standard-user", ORG, &area, false);
    for role in GENERAL {
        assert!(roles_granting(&e, "org.user.invite", None).iter().all(|r| r != role));
    }
}

/// "One Owner per organization, and only the Owner deletes it" [unclear: secondary source; modelled].
#[test]
fn only_the_organization_owner_deletes_the_organization() {
    let e = twilio();
    assert_eq!(roles_granting(&e, "org.organization.delete", None), set(&["organization-owner"]));
    assert_strict_subset(
        &role_allows(&e, "organization-admin", ORG),
        &role_allows(&e, "organization-owner", ORG),
        "organization-admin ⊂ organization-owner",
    );
}

/// "A standard user reaches only the accounts assigned to them."
#[test]
fn a_standard_user_reaches_only_the_accounts_assigned_to_them() {
    let e = twilio();
    assert!(role_allows(&e, "organization-standard-user", ORG).is_empty());
    let held = [at("organization-standard-user", ORG), at("studio-viewer", AC1)];
    assert_eq!(violations(&e, &held), vec![]);
    assert!(can(&e, &held, SA1, "studio.flow.read"));
    for scope in [ORG, AC2, AC2_SA3] {
        assert!(allowed(&e, &held, scope).is_empty(), "{scope}");
    }
}

/// "Effective permissions [inferred]: the union of every grant whose scope is the target scope or
/// an ancestor of it."
#[test]
fn effective_permissions_are_the_union_of_grants_at_the_target_scope_and_its_ancestors() {
    let e = twilio();
    let held = [
        at("studio-viewer", ORG),
        at("whatsapp-senders-viewer", AC1),
        at("voice-intelligence-admin", SA1),
        at("support", AC2),
    ];
    let expected_at = |target: &str| -> BTreeSet<String> {
        held.iter()
            .filter(|a| {
                let s = a.scope.as_deref().unwrap();
                target == s || target.starts_with(&format!("{s}/"))
            })
            .flat_map(|a| role_allows(&e, &a.role, a.scope.as_deref().unwrap()))
            .collect()
    };
    for target in [ORG, AC1, SA1, SA2, AC2, AC2_SA3] {
        assert_eq!(allowed(&e, &held, target), expected_at(target), "{target}");
    }
}

// ---------------------------------------------------------------------------------------------
// The brief's orderings

/// "Administrator covers developer, billing manager and support."
#[test]
fn administrator_covers_developer_billing_manager_and_support() {
    let e = twilio();
    let admin = role_allows(&e, "administrator", AC1);
    let union: BTreeSet<String> =
        ["developer", "billing-manager", "support"].iter().flat_map(|r| role_allows(&e, r, AC1)).collect();
    assert_strict_subset(&union, &admin, "developer ∪ billing-manager ∪ support ⊂ administrator");
}

/// "Every viewer strictly below its admin/editor/configurator."
#[test]
fn every_viewer_is_strictly_below_its_admin_editor_or_configurator() {
    let e = twilio();
    let pairs = [
        ("studio-viewer", "studio-admin"),
        ("numbers-configuration-viewer", "numbers-configuration-editor"),
        ("messaging-services-viewer", "messaging-services-configurator"),
        ("messaging-settings-viewer", "messaging-settings-admin"),
        ("whatsapp-senders-viewer", "whatsapp-senders-admin"),
        ("content-template-builder-viewer", "content-template-builder-admin"),
        ("voice-intelligence-viewer", "voice-intelligence-admin"),
    ];
    for (viewer, above) in pairs {
        for scope in [ORG, AC1, SA1] {
            assert_strict_subset(
                &role_allows(&e, viewer, scope),
                &role_allows(&e, above, scope),
                &format!("{viewer} ⊂ {above}"),
            );
        }
    }
}

/// "Numbers configuration editor and inventory manager each lacking what the other has."
#[test]
fn numbers_configuration_editor_and_inventory_manager_each_lack_what_the_other_has() {
    let e = twilio();
    let editor = role_allows(&e, "numbers-configuration-editor", AC1);
    let inventory = role_allows(&e, "numbers-inventory-manager", AC1);
    assert!(editor.contains("numbers.config.update") && !inventory.contains("numbers.config.update"));
    assert!(inventory.contains("numbers.number.buy") && !editor.contains("numbers.number.buy"));
    assert!(!editor.is_subset(&inventory) && !inventory.is_subset(&editor));
    // Neither creates regulatory bundles; both together still cannot.
    let both = [at("numbers-configuration-editor", AC1), at("numbers-inventory-manager", AC1)];
    assert!(!can(&e, &both, AC1, "numbers.regulatory.create"));
}

// ---------------------------------------------------------------------------------------------
// Console pages

#[test]
fn console_pages_are_listed_in_navigation_order_with_sections() {
    let e = twilio();
    let sections: Vec<&str> = e.pages().iter().fold(Vec::new(), |mut acc, p| {
        if acc.last() != Some(&p.section.as_str()) {
            acc.push(p.section.as_str());
        }
        acc
    });
    assert_eq!(
        sections,
        [
            "Studio",
            "Phone Numbers",
            "Messaging",
            "Voice Intelligence",
            "Developer tools",
            "Trust Hub",
            "Monitor",
            "Billing",
            "Account",
            "Admin"
        ],
        "each section is contiguous and in navigation order"
    );
    let ids: Vec<&str> = e.pages().iter().map(|p| p.id.as_str()).collect();
    for required in [
        "studio.flows",
        "studio.executions",
        "numbers.active",
        "numbers.buy",
        "numbers.regulatory",
        "messaging.services",
        "messaging.settings",
        "messaging.whatsapp",
        "messaging.templates",
        "voice-intelligence.transcripts",
        "monitor.logs",
        "monitor.usage",
        "billing.overview",
        "account.api-keys",
        "account.settings",
        "account.users",
        "admin.users",
        "admin.accounts",
        "admin.roles",
    ] {
        assert!(ids.contains(&required), "missing page {required}");
    }
    for p in e.pages() {
        assert!(p.path.starts_with("/console/"), "{}: {}", p.id, p.path);
        let kind = if p.section == "Admin" { "organization" } else { "account" };
        assert_eq!(p.scope_kind, kind, "{}", p.id);
    }
    let parent = |id: &str| e.pages().iter().find(|p| p.id == id).unwrap().parent.clone();
    assert_eq!(parent("studio.executions").as_deref(), Some("studio.flows"));
}

/// Each page's requirement is the action that using it needs.
#[test]
fn each_console_page_requires_the_action_that_using_it_needs() {
    let table = [
        ("studio.flows", "studio.flow.read"),
        ("studio.executions", "studio.execution.read"),
        ("numbers.active", "numbers.number.read"),
        ("numbers.buy", "numbers.number.buy"),
        ("numbers.released", "numbers.number.repurchase"),
        ("numbers.regulatory", "numbers.regulatory.read"),
        ("messaging.services", "messaging.service.read"),
        ("messaging.compliance", "messaging.compliance.read"),
        ("messaging.settings", "messaging.settings.read"),
        ("messaging.geo", "messaging.geo.read"),
        ("messaging.archives", "messaging.archive.read"),
        ("messaging.whatsapp", "messaging.whatsapp.read"),
        ("messaging.templates", "messaging.template.read"),
        ("voice-intelligence.services", "voice-intelligence.service.read"),
        ("voice-intelligence.transcripts", "voice-intelligence.transcript.read"),
        ("devtools.twiml-bins", "devtools.twiml-bin.read"),
        ("trusthub.profiles", "trusthub.profile.read"),
        ("monitor.logs", "monitor.log.read"),
        ("monitor.usage", "monitor.usage.read"),
        ("billing.overview", "billing.history.read"),
        ("billing.settings", "billing.settings.read"),
        ("account.api-keys", "account.api-key.read"),
        ("account.settings", "account.settings.read"),
        ("account.users", "account.user.read"),
        ("admin.users", "org.user.read"),
        ("admin.accounts", "org.account.read"),
        ("admin.roles", "org.role.read"),
    ];
    assert_page_requirements(&twilio(), &table);
}

/// For each role, held at its usual scope, the pages it sees (no scope asked).
#[test]
fn table_of_console_pages_each_role_sees() {
    const STUDIO: &[&str] = &["studio.flows", "studio.executions"];
    const NUMBERS: &[&str] = &["numbers.active", "numbers.buy", "numbers.released", "numbers.regulatory"];
    const MESSAGING: &[&str] = &[
        "messaging.services",
        "messaging.compliance",
        "messaging.settings",
        "messaging.geo",
        "messaging.archives",
        "messaging.whatsapp",
        "messaging.templates",
    ];
    const VOICE: &[&str] = &["voice-intelligence.services", "voice-intelligence.transcripts"];
    const MONITOR: &[&str] = &["monitor.logs", "monitor.usage"];
    const BILLING: &[&str] = &["billing.overview", "billing.settings"];
    let admin_all: Vec<&str> = [
        STUDIO,
        NUMBERS,
        MESSAGING,
        VOICE,
        &["devtools.twiml-bins", "trusthub.profiles"],
        MONITOR,
        BILLING,
        &["account.api-keys", "account.settings", "account.users"],
    ]
    .concat();
    let developer: Vec<&str> =
        [STUDIO, NUMBERS, MESSAGING, VOICE, &["devtools.twiml-bins"], MONITOR, &["account.api-keys"]].concat();
    let billing_manager: Vec<&str> = [MONITOR, BILLING].concat();
    let table: Vec<(&str, Vec<&str>)> = vec![
        ("owner", admin_all.clone()),
        ("administrator", admin_all),
        ("developer", developer),
        ("billing-manager", billing_manager),
        ("support", MONITOR.to_vec()),
        ("studio-viewer", STUDIO.to_vec()),
        ("studio-admin", STUDIO.to_vec()),
        ("numbers-configuration-editor", vec!["numbers.active", "numbers.regulatory"]),
        ("numbers-configuration-viewer", vec!["numbers.active", "numbers.regulatory"]),
        ("numbers-inventory-manager", NUMBERS.to_vec()),
        ("messaging-services-configurator", vec!["messaging.services", "messaging.compliance"]),
        ("messaging-services-viewer", vec!["messaging.services", "messaging.compliance"]),
        ("messaging-settings-admin", vec!["messaging.settings", "messaging.geo", "messaging.archives"]),
        ("messaging-settings-viewer", vec!["messaging.settings", "messaging.geo", "messaging.archives"]),
        ("whatsapp-senders-admin", vec!["messaging.whatsapp"]),
        ("whatsapp-senders-viewer", vec!["messaging.whatsapp"]),
        ("content-template-builder-admin", vec!["messaging.templates"]),
        ("content-template-builder-viewer", vec!["messaging.templates"]),
        ("voice-intelligence-admin", VOICE.to_vec()),
        ("voice-intelligence-viewer", VOICE.to_vec()),
        ("organization-owner", vec!["admin.users", "admin.accounts", "admin.roles"]),
        ("organization-admin", vec!["admin.users", "admin.accounts", "admin.roles"]),
        ("organization-standard-user", vec![]),
    ];
    let e = twilio();
    assert_eq!(table.len(), e.roles().len(), "a row for every role");
    for (role, expected) in table {
        let held = [at(role, home(role))];
        assert_eq!(page_ids(&e, &held, None), expected, "{role}");
        assert_eq!(page_ids(&e, &held, Some(home(role))), expected, "{role} at its own scope");
        // Built-in roles see the same pages wherever they are held, and nothing in other accounts.
        if BUILT_IN.contains(&role) {
            assert_eq!(page_ids(&e, &[at(role, ORG)], Some(SA1)), expected, "{role} held at the organization");
            assert_eq!(page_ids(&e, &[at(role, SA1)], Some(SA1)), expected, "{role} held at a subaccount");
            assert!(page_ids(&e, &[at(role, SA1)], Some(AC1)).is_empty(), "{role} at SA1 sees nothing at AC1");
        }
    }
}

/// visibleConsolePages agrees with canPerform on every page, for every role held at every kind it
/// can be held at, queried at a set of scopes; then for random combinations of assignments.
#[test]
fn visible_console_pages_agree_with_can_perform_for_every_role_and_scope() {
    let e = twilio();
    let queries = [ORG, AC1, SA1, SA2, AC2, AC2_SA3, OTHER_ORG, OTHER_AC];
    let candidates = [ORG, AC1, SA1, AC2, AC2_SA3, OTHER_AC];
    let mut checked = 0;
    for role in e.roles() {
        for held_at in scopes_of_kinds(&candidates, &role.scopes) {
            assert_pages_agree_with_can_perform(&e, &[at(&role.id, held_at)], &queries);
            checked += 1;
        }
    }
    assert!(checked >= 23 * 2);
    let mut rng = Rng::new(0x7411_0001);
    let ids: Vec<String> = e.roles().iter().map(|r| r.id.clone()).collect();
    for _ in 0..200 {
        let n = 1 + (rng.next() % 4) as usize;
        let mut held = Vec::new();
        while held.len() < n {
            let role = rng.pick(&ids);
            let info = role_info(&e, role);
            let places = scopes_of_kinds(&candidates, &info.scopes);
            let place: &str = places[(rng.next() % places.len() as u64) as usize];
            held.push(at(role, place));
        }
        assert_pages_agree_with_can_perform(&e, &held, &queries);
    }
}

#[test]
fn docs_catalogs_md_has_a_twilio_section_with_its_roles_scopes_and_pages() {
    assert_documented(&twilio());
}
