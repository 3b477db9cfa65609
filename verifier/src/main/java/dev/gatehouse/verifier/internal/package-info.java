/**
 * Internals of gatehouse-verifier: JWKS fetching and caching, key selection, signature and claim
 * checks, the verified-token cache, the token-endpoint client. Not a public API: anything here
 * may change in any release.
 */
package dev.gatehouse.verifier.internal;
