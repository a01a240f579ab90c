// A Vue 3 app built by Vite: rolegate/vue's plugin with roles and scope as refs, its composables and
// the global $can; the test changes the roles (replaced, then pushed into), then the scope, through
// window.app and reads the page.
import { createApp, nextTick, ref } from "vue";
import { createPermissions } from "rolegate/vue";
import App from "./App.vue";

const AC1 = "organization:acme/account:AC1";
const roles = ref([{ role: "studio-viewer", scope: AC1 }]);
const scope = ref(AC1);
const problems = [];

createApp(App)
  .use(createPermissions({ roles, scope, onError: (e) => problems.push(`${e.code}: ${e.message}`) }))
  .mount("#app");

window.app = {
  setRoles: async (next) => {
    roles.value = next;
    await nextTick();
  },
  pushRole: async (assignment) => {
    roles.value.push(assignment);
    await nextTick();
  },
  setScope: async (next) => {
    scope.value = next;
    await nextTick();
  },
  problems,
};
