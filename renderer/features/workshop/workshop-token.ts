/** The token a workshop device signed in with, kept on the device so a reload or reconnect resumes the sign-in. */
import { WORKSHOP_TOKEN_KEY } from '../../app/transport';

/** Keeps the token and reloads the page, so the connection reopens offering it (the host resolves it per call). */
export function signInWith(token: string, route: 'sheet' | 'projector'): void {
  try {
    localStorage.setItem(WORKSHOP_TOKEN_KEY, token);
  } catch {
    // Without storage the sign-in lasts until the page is closed: the token travels on this page's next connect only.
  }
  location.hash = `#/${route}`;
  location.reload();
}

/** Forgets the token and reloads to the sign-in page. */
export function forgetSignIn(): void {
  try {
    localStorage.removeItem(WORKSHOP_TOKEN_KEY);
  } catch {
    // Nothing stored.
  }
  location.hash = '#/join';
  location.reload();
}

/** Did this device hold a token (so a guest answer means its sign-in ended, not that it never signed in)? */
export function hadSignIn(): boolean {
  try {
    return localStorage.getItem(WORKSHOP_TOKEN_KEY) !== null;
  } catch {
    return false;
  }
}
