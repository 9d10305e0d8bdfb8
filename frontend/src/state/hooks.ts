import { app, type AppState } from "./app";
import { useStore } from "./store";

export { app };
export const useAppState = (): AppState => useStore(app);
