package dev.gatehouse.verifier;

/**
 * Counters of one {@link JwtVerifier} since it was built, for metrics and tests.
 *
 * @param verifications calls to {@code verify}, successful or not
 * @param cacheHits calls answered from the verified-token cache, with no signature check
 * @param cacheMisses calls that went through the full check: header, key, signature, claims
 * @param jwksFetches JWKS fetches attempted
 * @param jwksFetchFailures JWKS fetches that failed
 * @param cachedTokens tokens currently in the verified-token cache
 */
public record VerifierStats(long verifications, long cacheHits, long cacheMisses, long jwksFetches,
    long jwksFetchFailures, int cachedTokens) {}
