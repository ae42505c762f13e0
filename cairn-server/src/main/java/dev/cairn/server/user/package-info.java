/**
 * Console users and roles: bcrypt passwords under a length-and-common-password policy, an RFC 6238 second factor
 * (required for admins), sign-in with lock-out and no user enumeration, and the admin API under
 * {@code /api/v1/participants/me/users}. A role maps onto the API scopes, so a signed-in user acts through the same
 * {@link dev.cairn.server.auth.Caller} checks as an API key.
 */
package dev.cairn.server.user;
