/**
 * The sandbox's one resource owner (PSU). By default (`psu.login = "auto"`) this user is signed
 * in and consents to every authorization request automatically, so a harness (or a TPP developer)
 * can drive the authorization code flow with plain HTTP and read the redirect; with
 * `psu.login = "page"` a browser signs in as `username` on the login page (psu-login.ts).
 */
export interface TestUser {
  sub: string;
  username: string;
  givenName: string;
  familyName: string;
  name: string;
  email: string;
}

export const TEST_USER: TestUser = {
  sub: 'psu-test-user',
  username: 'psu@sandbox.local',
  givenName: 'Sandbox',
  familyName: 'PSU',
  name: 'Sandbox PSU',
  email: 'psu@sandbox.local',
};
