package dev.gatehouse.server.store;

/**
 * Hears of rows changed by any node or the CLI once their transaction commits, so a node can
 * keep copies in memory without serving them after a change. The feed calls one subscriber from
 * one thread, in this order: {@link #listening()}, then any number of {@link #changed(String)},
 * then {@link #deaf()} when it loses the database (and {@link #listening()} again once back).
 */
public interface ChangeSubscriber {
  /** Every key: a {@link #changed(String)} with this argument means "drop everything". */
  String ALL = "*";

  /** From now on every committed change is heard; copies taken before may already be stale. */
  void listening();

  /** The row with this key (or {@link #ALL}) changed in a committed transaction. */
  void changed(String key);

  /** Changes may now go unheard (connection lost, feed closed) until {@link #listening()} again. */
  void deaf();
}
