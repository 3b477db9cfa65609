package dev.gatehouse.server.store;

/** Whether a user may sign in. */
public enum UserStatus {
  ACTIVE,
  DISABLED
}
