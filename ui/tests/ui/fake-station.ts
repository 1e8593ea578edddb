// The backend side of the UI tests: answers the station's commands the way the Rust
// backend does, from fixed data, and records what the UI sent.
import type {
  AppError,
  ConnectionOverview,
  ConnectionReport,
  TokenSummary,
} from '../../src/lib/generated/bindings';

export const SANDBOX_VERSION = '1.5.0+sandbox.0.1.0';

/** A screen's part of the fake backend: answers its commands, `undefined` for others. */
export interface FakeScreen {
  handle(command: string, payload: unknown): unknown;
}

export class FakeStation {
  calls: { command: string; payload: unknown }[] = [];
  overview: ConnectionOverview = {
    optimizer: { mode: 'embedded_sandbox' },
    sandbox: { state: 'running', url: 'http://127.0.0.1:45123' },
    vault: { persistent: false, unavailableReason: 'no Secret Service on the session bus' },
    session: null,
  };
  /** When set, test_connection fails with this error. */
  testFailure: AppError | null = null;
  /** The fakes of the other screens, asked in turn for commands not answered here. */
  screens: FakeScreen[] = [];

  /** The station with an RAO signed in with the demo token. */
  signedIn(): this {
    this.overview = {
      ...this.overview,
      session: { username: '1125824', method: 'token', tokenHoldsPassword: true, tokenHoldsPin: true },
    };
    return this;
  }

  handle = (command: string, payload: unknown): unknown => {
    this.calls.push({ command, payload });
    switch (command) {
      case 'connection_overview':
        return this.overview;
      case 'test_connection':
        if (this.testFailure) throw this.testFailure;
        return {
          url: 'http://127.0.0.1:45123',
          hello: 'Hello',
          name: 'OneShot Optimizer',
          version: SANDBOX_VERSION,
        } satisfies ConnectionReport;
      case 'sign_in': {
        const request = (payload as { request: { method: string; token?: string } }).request;
        if (request.method === 'token' && request.token !== 'fd6a21e6fb7d43b9893a520d67d6ff60') {
          throw {
            code: 'signin.unknown_token',
            message: 'the Optimizer does not know this token',
            details: null,
          } satisfies AppError;
        }
        this.overview = {
          ...this.overview,
          session: {
            username: '1125824',
            method: 'token',
            tokenHoldsPassword: true,
            tokenHoldsPin: true,
          },
        };
        return this.overview;
      }
      case 'list_tokens':
        return [
          {
            hint: 'fd6a…ff60',
            username: '1125824',
            holdsPassword: true,
            holdsPin: true,
            inUse: this.overview.session !== null,
          },
          { hint: '9c1e…02ab', username: '7700001', holdsPassword: false, holdsPin: false, inUse: false },
        ] satisfies TokenSummary[];
      default: {
        for (const screen of this.screens) {
          const answer = screen.handle(command, payload);
          if (answer !== undefined) return answer;
        }
        throw { code: 'ui.unexpected', message: `unexpected command ${command}`, details: null };
      }
    }
  };
}
