import { render } from "preact";

import { App } from "./App";
import { startRouter } from "./state/router";
import { start } from "./state/session";
import { captureLaunch } from "./telegram/launch";
import { loadTelegram } from "./telegram/setup";
import "./styles.css";

captureLaunch();
startRouter();
loadTelegram();
void start();
render(<App />, document.getElementById("app")!);
