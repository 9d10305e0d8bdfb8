import type { ComponentChildren, JSX } from "preact";

type Props = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "disabled" | "type"> & {
  type?: "button" | "submit";
  busy?: boolean;
  busyText?: string;
  disabled?: boolean;
  variant?: "primary" | "plain" | "danger" | "link";
  children: ComponentChildren;
};

/** A button that is disabled while its request is in flight, saying so. */
export function Button({ busy = false, busyText, disabled, variant = "plain", children, type, ...rest }: Props) {
  return (
    <button
      type={type ?? "button"}
      class={`button button-${variant}`}
      disabled={disabled || busy}
      aria-busy={busy ? "true" : undefined}
      {...rest}
    >
      {busy && busyText ? busyText : children}
    </button>
  );
}
