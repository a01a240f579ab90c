// An app that registers its engine's action ids (`Register`): rolegate/react's and rolegate/vue's
// useCan, <Can> and $can then take those ids only. Its own project, since the registration holds
// for the whole compilation. `tsc --strict` must accept it: each misuse is expected to fail.
import { createElement } from "react";
import { Can, PermissionsProvider, useCan } from "rolegate/react";
import { createPermissions, useCan as useCanVue } from "rolegate/vue";
import { createApp, defineComponent } from "vue";
import { PolicyEngine, type TwilioActionId } from "rolegate";

declare module "rolegate" {
  interface Register {
    actionId: TwilioActionId;
  }
}

export function Toolbar(): boolean {
  // @ts-expect-error a misspelt action is not one of the registered ids
  useCan("studio.flow.updat");
  // @ts-expect-error likewise in Vue
  useCanVue("studio.flow.updat");
  return useCan("studio.flow.update") && useCanVue("studio.flow.read").value;
}

// @ts-expect-error likewise for <Can>
export const misspelt = createElement(Can, { action: "studio.flow.updat", children: null });
export const spelt = createElement(Can, { action: "studio.flow.update", children: null });

// The registered catalog's engine is accepted; another policy's engine is not.
export const twilio = createElement(PermissionsProvider, { roles: "owner", engine: PolicyEngine.builtin("twilio"), children: null });
// @ts-expect-error the voiceflow catalog's actions are not the registered ones
export const voiceflow = createElement(PermissionsProvider, { roles: "owner", engine: PolicyEngine.builtin("voiceflow"), children: null });
createApp({}).use(createPermissions({ roles: "owner", engine: PolicyEngine.builtin("twilio") }));

export const Component = defineComponent({
  methods: {
    check(): boolean {
      // @ts-expect-error and for $can in a component
      this.$can("studio.flow.updat");
      return this.$can("studio.flow.update");
    },
  },
});
