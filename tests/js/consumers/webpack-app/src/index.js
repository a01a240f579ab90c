// A webpack 5 app with the default config (no webpack.config.js): src/index.js to dist/main.js: `rolegate` needs no init step.
import * as rolegate from "rolegate";
import { bindPermissions } from "rolegate/dom";
import { report } from "./page.js";

report(rolegate, bindPermissions);
