import { useTranslator } from "../state/translator";
import { Link } from "../ui/Link";

export function NotFound() {
  const tr = useTranslator();
  return (
    <section class="panel not-found" data-not-found>
      <h1 class="title">{tr.t("notFound.title")}</h1>
      <p>{tr.t("notFound.body")}</p>
      <Link class="button button-primary" href="/">{tr.t("notFound.home")}</Link>
    </section>
  );
}
