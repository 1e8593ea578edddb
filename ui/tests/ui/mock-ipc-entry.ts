// Runs in the page before the app: routes every IPC call to the test's fake backend
// (exposed by Playwright as window.__stationBackend) and lets the test emit events.
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';

type Answer = { ok: true; value: unknown } | { ok: false; error: unknown };

declare global {
  interface Window {
    __stationBackend(command: string, payload: unknown): Promise<Answer>;
    __stationEmit(event: string, payload: unknown): Promise<void>;
  }
}

mockIPC(
  async (command, payload) => {
    const answer = await window.__stationBackend(command, payload ?? null);
    if (answer.ok) return answer.value;
    throw answer.error;
  },
  { shouldMockEvents: true },
);

window.__stationEmit = (event, payload) => emit(event, payload);
