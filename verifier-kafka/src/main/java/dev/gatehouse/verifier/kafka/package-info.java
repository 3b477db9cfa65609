/**
 * gatehouse-verifier-kafka: feeds the verifier's {@link dev.gatehouse.verifier.Revocations} from
 * Gatehouse's Kafka event topic, so stateless JWTs of an ended session, a disabled user or a
 * revoked grant are refused within a second. Entry point: {@link
 * dev.gatehouse.verifier.kafka.RevocationListener}.
 */
package dev.gatehouse.verifier.kafka;
