// Loads the demo and, if the package is missing or broken, says so in the page instead of leaving
// a spinner: a static import failure would otherwise stop every script silently.

function showFailure(error) {
  document.body.dataset.state = "error";
  const text = document.getElementById("loading-text");
  const spinner = document.querySelector("#console-loading .spinner");
  spinner?.remove();
  if (text) {
    text.textContent = `The demo could not start: ${error?.message ?? error}. Is the package built? Run \`make demo\` (or \`make pkg\`) from the repository.`;
  }
  console.error(error);
}

import("./app.js")
  .then((app) => app.main())
  .catch(showFailure);
