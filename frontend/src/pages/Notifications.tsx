import { useEffect, useState } from "preact/hooks";

import type { Notice, NoticeList } from "../api/types";
import { noticeText } from "../i18n/notices";
import { openNotices } from "../state/notices";
import { useTranslator } from "../state/translator";
import { Loading, Problem } from "../ui/Problem";

/** The player's latest notices; opening the page marks the unread ones read. */
export function Notifications() {
  const tr = useTranslator();
  const [list, setList] = useState<NoticeList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    openNotices().then(setList, setError);
  };
  useEffect(load, []);
  return (
    <>
      <h1 class="title">{tr.t("notifications.title")}</h1>
      <section class="panel" data-notifications aria-busy={list === null && !error ? "true" : "false"}>
        {error ? <Problem error={error} retry={load} />
          : list === null ? <Loading />
            : list.items.length === 0 ? <p class="empty">{tr.t("notifications.empty")}</p>
              : <ul class="entries">{list.items.map((n) => <NoticeItem key={n.id} notice={n} />)}</ul>}
      </section>
    </>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const tr = useTranslator();
  const fresh = notice.read_at === null;
  return (
    <li class={fresh ? "entry notice-new" : "entry"} data-notice={notice.id} data-kind={notice.kind}
      data-unread={fresh ? "true" : "false"}>
      <div class="entry-main">
        <p class="entry-title">{noticeText(notice, tr)}</p>
        <p class="entry-meta"><time dateTime={notice.created_at}>{tr.dateTime(notice.created_at)}</time></p>
      </div>
      {fresh ? <div class="entry-side"><p class="new-mark">{tr.t("notifications.new")}</p></div> : null}
    </li>
  );
}
