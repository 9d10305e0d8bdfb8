// Small DOM helpers. Text from the API is only ever set as text, never as HTML.

/** h("p", {class: "x", onclick: f}, "text", child) builds an element. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : value);
  }
  element.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** Replace what `container` shows, and mark it as no longer loading. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat());
  container.removeAttribute("aria-busy");
}

export function loading(container, text = "Loading") {
  container.setAttribute("aria-busy", "true");
  container.replaceChildren(h("p", { class: "loading" }, text));
}

/** What failed and a way to try again, in place of what could not be loaded. */
export function showLoadError(container, error, retry) {
  container.hidden = false;
  show(container, h("div", { class: "load-error", role: "alert" },
    h("p", {}, error.message),
    h("button", { type: "button", class: "button", onclick: retry }, "Try again"),
  ));
}

/**
 * Run `action` with `button` disabled and saying `busyLabel`, so a double click or an
 * impatient second tap cannot send the request twice.
 */
export async function whileBusy(button, busyLabel, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = busyLabel;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

/** A form's inline error line: shown with a message, hidden with none. */
export function formError(form, message = "") {
  const line = $("[data-error]", form);
  line.textContent = message;
  line.hidden = !message;
}

export function avatarImage(avatarId, size, className = "pixelated") {
  return h("img", {
    class: className, src: `/static/avatars/${avatarId}.svg`, alt: "", width: size, height: size,
  });
}

/**
 * Resolve to what `load()` returns. While it fails, `container` says why with a Try
 * again button, and the next try starts when it is pressed.
 */
export async function untilLoaded(container, load) {
  for (;;) {
    try {
      return await load();
    } catch (error) {
      await new Promise((retry) => showLoadError(container, error, retry));
      loading(container);
    }
  }
}
