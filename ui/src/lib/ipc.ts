// The one way the UI calls the backend: a rejected command becomes a StationError
// with the backend's stable code.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';

import { StationError, toAppError } from './errors';

export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw new StationError(toAppError(raw));
  }
}
