/**
 * Test doubles for services that embed gatehouse-verifier: {@link
 * dev.gatehouse.verifier.testing.TestIssuer} stands in for a Gatehouse server in tests, as
 * okhttp's MockWebServer stands in for a web server. Uses only the JDK's HTTP server and
 * nimbus-jose-jwt, so it adds no dependency. Never use it in production code.
 */
package dev.gatehouse.verifier.testing;
