package dev.gatehouse.server.store;

/** RFC 6749 §2.1 client types. */
public enum ClientType {
  CONFIDENTIAL,
  PUBLIC
}
