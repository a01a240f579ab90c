// A tiny element builder. Every text goes through text nodes, never innerHTML: a pasted policy's
// names and messages are data, and must not become markup.

/**
 * h("button", { type: "button", class: "x", dataset: { can: "a.b" }, onclick }, "Label", child)
 * Attributes with value `false`, `null` or `undefined` are left out; `true` sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Text where `backticked` spans become <code>: how rolegate's messages quote ids and paths. */
export function richText(text) {
  return String(text)
    .split("`")
    .map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part))
    .filter((part) => part !== "");
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
