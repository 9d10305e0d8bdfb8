import { Button } from "./Button";
import { useErrorText } from "./errors";
import { useTranslator } from "../state/translator";

/** A failure said plainly, with a way to try again when trying again can help. */
export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const tr = useTranslator();
  const describe = useErrorText();
  return (
    <div class="problem" role="alert">
      <p>{describe(error)}</p>
      {retry && <Button onClick={retry}>{tr.t("app.retry")}</Button>}
    </div>
  );
}

export function Loading({ text }: { text?: string }) {
  const tr = useTranslator();
  return <p class="loading" aria-busy="true">{text ?? tr.t("app.loading")}</p>;
}
