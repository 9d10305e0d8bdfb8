import type { ComponentChildren, JSX } from "preact";

import { navigate } from "../state/router";

type Props = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children: ComponentChildren };

/** An in-app link: a real <a> (open in new tab works), navigated without reloading. */
export function Link({ href, children, onClick, ...rest }: Props) {
  const follow = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest}>{children}</a>;
}
