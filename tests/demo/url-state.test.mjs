// The URL format of the demo's state (www/url-state.js), without a browser.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAssignment, readState, writeState } from "../../www/url-state.js";

test("role@scope splits at the first @: scope ids may contain @, role ids never do", () => {
  assert.deepEqual(parseAssignment("developer@organization:acme/account:dev@corp"), {
    role: "developer",
    scope: "organization:acme/account:dev@corp",
  });
  assert.deepEqual(parseAssignment("studio-admin"), { role: "studio-admin" });
});

test("missing parameters stay undefined; an empty roles= is an empty list", () => {
  assert.deepEqual(readState("?catalog=voiceflow"), { catalog: "voiceflow", roles: undefined, scope: undefined, page: undefined });
  assert.deepEqual(readState("?catalog=twilio&roles=&scope=organization:acme").roles, []);
});

test("writeState and readState round-trip, keeping `:`, `/` and `@` readable and `+` intact", () => {
  const state = {
    catalog: "twilio",
    roles: [
      { role: "studio-viewer", scope: "organization:acme/account:AC1" },
      { role: "developer", scope: "organization:acme/account:a+b@c.d~e_f" },
    ],
    scope: "organization:acme/account:a+b@c.d~e_f",
    page: "studio.flows",
  };
  const query = writeState(state);
  assert.equal(
    query,
    "?catalog=twilio&roles=studio-viewer@organization:acme/account:AC1,developer@organization:acme/account:a%2Bb@c.d~e_f" +
      "&scope=organization:acme/account:a%2Bb@c.d~e_f&page=studio.flows",
  );
  assert.deepEqual(readState(query), state);
});
