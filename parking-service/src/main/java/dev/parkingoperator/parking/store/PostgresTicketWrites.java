package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Ticket;
import dev.parkingoperator.parking.store.TicketWrite.Entry;
import dev.parkingoperator.parking.store.TicketWrite.Exit;
import dev.parkingoperator.parking.store.WriteBatcher.Outcome;
import dev.parkingoperator.parking.store.WriteBatcher.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticket writes on PostgreSQL, many to one commit. A write holds its lot's row until its commit is
 * flushed to the WAL, so on a busy lot one write per flush would bound the lot at a few hundred
 * writes per second. Here the writes waiting at a moment run together in one transaction (see
 * {@link WriteBatcher}) and are answered after its one commit.
 *
 * <p>A batch first locks its lots in id order, then runs its exits and its entries as two pipelined
 * JDBC batches of one statement each. Every write on lots and tickets takes its lot's row before
 * any ticket's, so batches of several service instances on one database queue on each other and
 * cannot deadlock. A batch that breaks a rule (a plate parked twice) rolls back, and its writes run
 * again one per transaction, each for its own answer.
 *
 * <p>A batch waits at most {@link #LOT_LOCK_TIMEOUT} for a lot another transaction holds; then it
 * hands its writes back, and each caller runs its own write alone, waiting on its own thread. So a
 * lot held for long (an administrator's open transaction) stalls the writes to that lot only.
 */
final class PostgresTicketWrites implements TicketWrites {

  /** Another instance's batch holds a lot for milliseconds; this is far longer. */
  static final Duration LOT_LOCK_TIMEOUT = Duration.ofMillis(500);

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String LIMIT_LOCK_WAIT =
      "SET LOCAL lock_timeout = " + LOT_LOCK_TIMEOUT.toMillis();
  private static final String LOCK_LOTS =
      "SELECT id FROM lots WHERE id = ANY (?) ORDER BY id FOR UPDATE";
  private static final String TAKE_SPACE_AND_PARK =
      "WITH space AS (UPDATE lots SET occupied = occupied + 1 WHERE id = ? AND occupied < capacity"
          + " RETURNING id) INSERT INTO tickets (ticket_id, lot_id, plate, parked_plate,"
          + " entered_at) SELECT ?, id, ?, ?, ? FROM space";
  private static final String CLOSE_AND_FREE_SPACE =
      "WITH closed AS ("
          + "UPDATE tickets SET exited_at = ?, fee_cents = ?, parked_plate = NULL"
          + " WHERE ticket_id = ? AND exited_at IS NULL RETURNING lot_id)"
          + " UPDATE lots SET occupied = occupied - 1 WHERE id = (SELECT lot_id FROM closed)";

  private final Transactions transactions;
  private final WriteBatcher batcher;

  /**
   * @param batches told of each batch's size and duration
   * @param answerTimeout how long a request waits for its write's batch before failing with 503
   */
  PostgresTicketWrites(
      Transactions transactions, WriteBatchListener batches, Duration answerTimeout) {
    this.transactions = transactions;
    this.batcher = new WriteBatcher("ticket-writes", this::runBatch, batches, answerTimeout);
  }

  @Override
  public Ticket enter(Ticket ticket) {
    if (outcomeOf(new Entry(ticket)) == Outcome.UNCHANGED) {
      throw transactions.read(connection -> StoreRows.whyNoSpace(connection, ticket));
    }
    return ticket;
  }

  @Override
  public Ticket exit(Ticket parked, Instant exitedAt, long feeCents) {
    if (outcomeOf(new Exit(parked, exitedAt, feeCents)) == Outcome.UNCHANGED) {
      throw ConflictException.alreadyExited(parked.ticketId());
    }
    return parked.exited(exitedAt, feeCents);
  }

  /** The write's outcome in a batch, or, when the batch handed it back, run alone here. */
  private Outcome outcomeOf(TicketWrite write) {
    Outcome outcome = batcher.apply(write);
    if (outcome != Outcome.RUN_ALONE) {
      return outcome;
    }
    try {
      return transactions
          .inTransactionOrSqlError(connection -> inOneTransaction(connection, List.of(write)))
          .get(0);
    } catch (SQLException e) {
      throw explain(write, e);
    }
  }

  @Override
  public void close() {
    batcher.close();
  }

  /**
   * Runs one batch and answers its writes: the batcher's runner, and a way for tests to choose a
   * batch.
   */
  void runBatch(List<Pending> batch) {
    List<Outcome> outcomes;
    try {
      outcomes =
          transactions.inTransactionOrSqlError(
              connection -> {
                try (Statement limit = connection.createStatement()) {
                  limit.execute(LIMIT_LOCK_WAIT);
                }
                return inOneTransaction(connection, batch.stream().map(Pending::write).toList());
              });
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        batch.forEach(pending -> pending.outcome().complete(Outcome.RUN_ALONE));
      } else if (batch.size() > 1 && StoreErrors.isRuleViolation(e)) {
        batch.forEach(pending -> runBatch(List.of(pending)));
      } else {
        batch.forEach(
            pending -> pending.outcome().completeExceptionally(explain(pending.write(), e)));
      }
      return;
    }
    for (int i = 0; i < outcomes.size(); i++) {
      batch.get(i).outcome().complete(outcomes.get(i));
    }
  }

  /** Runs the writes in the open transaction; returns their outcomes in the same order. */
  private static List<Outcome> inOneTransaction(Connection connection, List<TicketWrite> writes)
      throws SQLException {
    lockLots(connection, writes);
    List<Outcome> outcomes = new ArrayList<>(writes.size());
    try (PreparedStatement exits = connection.prepareStatement(CLOSE_AND_FREE_SPACE);
        PreparedStatement entries = connection.prepareStatement(TAKE_SPACE_AND_PARK)) {
      for (TicketWrite write : writes) {
        if (write instanceof Exit exit) {
          StoreRows.bindExit(exits, exit.parked(), exit.exitedAt(), exit.feeCents());
          exits.addBatch();
        } else if (write instanceof Entry entry) {
          StoreRows.bindPark(entries, entry.ticket());
          entries.addBatch();
        }
      }
      int[] exited = exits.executeBatch();
      int[] entered = entries.executeBatch();
      int nextExit = 0;
      int nextEntry = 0;
      for (TicketWrite write : writes) {
        int changed = write instanceof Exit ? exited[nextExit++] : entered[nextEntry++];
        outcomes.add(changed > 0 ? Outcome.APPLIED : Outcome.UNCHANGED);
      }
    }
    return outcomes;
  }

  private static void lockLots(Connection connection, List<TicketWrite> writes)
      throws SQLException {
    Object[] lotIds = writes.stream().map(TicketWrite::lotId).distinct().toArray();
    try (PreparedStatement lock = connection.prepareStatement(LOCK_LOTS)) {
      lock.setArray(1, connection.createArrayOf("varchar", lotIds));
      try (ResultSet locked = lock.executeQuery()) {
        while (locked.next()) {
          // each row read is a lot locked
        }
      }
    }
  }

  /** What a failed write means to its caller. */
  private static RuntimeException explain(TicketWrite write, SQLException e) {
    if (write instanceof Entry entry && StoreErrors.isUniqueViolation(e)) {
      return ConflictException.alreadyParked(entry.ticket().plate(), entry.lotId());
    }
    return StoreErrors.translate(e);
  }
}
