// Entry point: i18n, the query cache, toasts, and the app.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { api } from "./api/client";
import { App } from "./app/App";
import { ToastProvider } from "./components/ui";
import "./i18n";
import "./styles.css";

// Data lives on this machine and every change is announced, so there is no need to refetch on focus or retry.
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false, staleTime: Infinity } },
});

performance.mark("avain:script");

// Start loading what the first screen needs before React renders, all at once, so start-up waits for one round
// trip to the core instead of several in a row.
void queryClient.prefetchQuery({ queryKey: ["settings"], queryFn: api.getSettings });
void queryClient.prefetchQuery({ queryKey: ["app-info"], queryFn: api.appInfo });
if (/^#?\/?(today)?$/.test(window.location.hash)) {
  void queryClient.prefetchQuery({ queryKey: ["today"], queryFn: api.today });
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <App />
        </ToastProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
