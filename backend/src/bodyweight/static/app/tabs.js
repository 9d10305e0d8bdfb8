// Tabs: buttons with role="tab", each showing the panel its aria-controls names.

/** Wire the tabs in `tablist`; returns `select(name)` for a tab's data-tab name. */
export function setUpTabs(tablist, onSelect = () => {}) {
  const tabs = [...tablist.querySelectorAll("[role=tab]")];
  const select = (name) => {
    for (const tab of tabs) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", selected);
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
    }
    onSelect(name);
  };
  for (const tab of tabs) tab.addEventListener("click", () => select(tab.dataset.tab));
  return select;
}
