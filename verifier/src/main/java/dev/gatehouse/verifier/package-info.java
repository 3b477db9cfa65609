/**
 * gatehouse-verifier: the library every backend service embeds to verify Gatehouse JWT access
 * tokens locally (RFC 9068) and to obtain its own tokens. The public API lives in this package;
 * internals go in {@code dev.gatehouse.verifier.internal}. Filled in by issue 4.
 */
package dev.gatehouse.verifier;
