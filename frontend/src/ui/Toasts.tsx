import { dismiss, toasts } from "../state/toasts";
import { useStore } from "../state/store";
import { useTranslator } from "../state/translator";

/** Notices fixed to the viewport: seen wherever the page is scrolled, read out politely. */
export function Toasts() {
  const { items } = useStore(toasts);
  const tr = useTranslator();
  return (
    <div class="toasts" role="status" aria-live="polite">
      {items.map((item) => (
        <div key={item.id} class={`toast toast-${item.kind}`} data-toast={item.kind}>
          <p>{item.text}</p>
          <button type="button" class="toast-close" aria-label={tr.t("app.close")} onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
