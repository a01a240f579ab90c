// A Vite app with the default config and no plugins: `rolegate` needs no init step.
import * as rolegate from "rolegate";
import { bindPermissions } from "rolegate/dom";
import { report } from "./page.js";

report(rolegate, bindPermissions);
