// Vue's own plugin compiles the single-file components; rolegate itself needs no plugin.
import vue from "@vitejs/plugin-vue";

export default { plugins: [vue()] };
