// The Hash sign screen's working state, apart from the Sign screen's.
import { SignSession } from '../sign/session.svelte';

export const hashSignSession = new SignSession();
