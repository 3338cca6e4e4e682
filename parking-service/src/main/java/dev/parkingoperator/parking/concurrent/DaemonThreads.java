package dev.parkingoperator.parking.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * The service's background threads (flushers, syncs, watches): named, so a thread dump says what
 * each is, and daemons, so none of them keeps a stopping JVM alive.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory of daemon threads that all carry {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Starts {@code task} on a new daemon thread called {@code name}. */
  public static Thread start(String name, Runnable task) {
    Thread thread = named(name).newThread(task);
    thread.start();
    return thread;
  }
}
