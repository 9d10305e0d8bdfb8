import { useTranslator } from "../state/translator";
import { avatarName } from "./errors";

/** An avatar's pixel art; the image comes from the server's own URL scheme. */
export function AvatarImage({ id, size, className = "", decorative = false }: {
  id: string; size: number; className?: string; decorative?: boolean;
}) {
  const tr = useTranslator();
  return (
    <img
      class={`pixelated ${className}`}
      src={`/static/avatars/${id}.svg`}
      width={size}
      height={size}
      alt={decorative ? "" : avatarName(tr, id)}
    />
  );
}
