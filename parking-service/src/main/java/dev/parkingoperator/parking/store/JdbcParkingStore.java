package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Lot;
import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.NotFoundException;
import dev.parkingoperator.parking.domain.ParkingStore;
import dev.parkingoperator.parking.domain.Tariff;
import dev.parkingoperator.parking.domain.Ticket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The store on SQL that H2 and PostgreSQL both run, on plain JDBC: the statements are few and hot,
 * and a mapping library cost more start-up time than it saved code. Only the ticket writes differ
 * per database (see {@link TicketWrites}).
 *
 * <p>Every write that could race locks the lot's row, so concurrent entries, exits and lot changes
 * queue on one row and cannot break its capacity.
 */
public final class JdbcParkingStore implements ParkingStore, AutoCloseable {

  private static final String SELECT_TICKET =
      "SELECT t.ticket_id, t.lot_id, t.plate, t.entered_at, t.exited_at, t.fee_cents,"
          + " l.hourly_rate_cents, l.daily_max_cents, l.grace_minutes"
          + " FROM tickets t JOIN lots l ON l.id = t.lot_id WHERE t.ticket_id = ?";

  private final Transactions transactions;
  private final TicketWrites ticketWrites;

  private JdbcParkingStore(Transactions transactions, TicketWrites ticketWrites) {
    this.transactions = transactions;
    this.ticketWrites = ticketWrites;
  }

  /**
   * The store on PostgreSQL, whose ticket writes share commits under load.
   *
   * @param batches told of each batch of ticket writes (telemetry)
   * @param writeTimeout how long a request waits for its ticket write before failing with 503
   */
  public static JdbcParkingStore onPostgres(
      DataSource dataSource, WriteBatchListener batches, Duration writeTimeout) {
    Transactions transactions = new Transactions(dataSource, () -> {});
    return new JdbcParkingStore(
        transactions, new PostgresTicketWrites(transactions, batches, writeTimeout));
  }

  /**
   * The store on H2 (or any database running the portable SQL).
   *
   * @param afterCommit returns once a committed write is durable (see Database#afterCommit)
   */
  public static JdbcParkingStore portable(DataSource dataSource, Runnable afterCommit) {
    Transactions transactions = new Transactions(dataSource, afterCommit);
    return new JdbcParkingStore(transactions, new TransactionalTicketWrites(transactions));
  }

  @Override
  public Lot createLot(String lotId, LotDefinition definition) {
    return transactions.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO lots (name, capacity, hourly_rate_cents, daily_max_cents,"
                      + " grace_minutes, id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int next = bindDefinition(insert, definition);
            insert.setString(next, lotId);
            StoreRows.setTimestamp(insert, next + 1, Instant.now());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (StoreErrors.isUniqueViolation(e)) {
              throw ConflictException.lotExists(lotId);
            }
            throw e;
          }
          return new Lot(lotId, definition, 0);
        });
  }

  @Override
  public List<Lot> lots() {
    return transactions.read(
        connection -> {
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT " + StoreRows.LOT_COLUMNS + " FROM lots ORDER BY id");
              ResultSet rows = query.executeQuery()) {
            List<Lot> lots = new ArrayList<>();
            while (rows.next()) {
              lots.add(StoreRows.lot(rows));
            }
            return lots;
          }
        });
  }

  @Override
  public Optional<Lot> lot(String lotId) {
    return transactions.read(connection -> StoreRows.findLot(connection, lotId));
  }

  @Override
  public Lot updateLot(String lotId, LotDefinition definition) {
    return transactions.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE lots SET name = ?, capacity = ?, hourly_rate_cents = ?,"
                      + " daily_max_cents = ?, grace_minutes = ? WHERE id = ? AND occupied <= ?")) {
            int next = bindDefinition(update, definition);
            update.setString(next, lotId);
            update.setInt(next + 1, definition.capacity());
            if (update.executeUpdate() == 0) {
              StoreRows.findLot(connection, lotId).orElseThrow(() -> NotFoundException.lot(lotId));
              throw ConflictException.capacityBelowOccupancy(lotId, definition.capacity());
            }
          }
          return StoreRows.findLot(connection, lotId).orElseThrow();
        });
  }

  @Override
  public void deleteLot(String lotId) {
    transactions.inTransaction(
        connection -> {
          if (StoreRows.executeForLot(
                  connection, "DELETE FROM lots WHERE id = ? AND occupied = 0", lotId)
              == 0) {
            StoreRows.findLot(connection, lotId).orElseThrow(() -> NotFoundException.lot(lotId));
            throw ConflictException.lotNotEmpty(lotId);
          }
          return null;
        });
  }

  @Override
  public Ticket openTicket(Ticket ticket) {
    return ticketWrites.enter(ticket);
  }

  @Override
  public Optional<TicketInLot> ticket(UUID ticketId) {
    return transactions.read(
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(SELECT_TICKET)) {
            query.setObject(1, ticketId);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next()
                  ? Optional.of(new TicketInLot(StoreRows.ticket(rows), StoreRows.tariff(rows, 7)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Ticket closeTicket(Ticket parked, Instant exitedAt, long feeCents) {
    return ticketWrites.exit(parked, exitedAt, feeCents);
  }

  /** Stops the ticket writes' own thread, if they have one; writes still waiting fail with 503. */
  @Override
  public void close() {
    ticketWrites.close();
  }

  /** Binds name, capacity and tariff as the first five parameters; returns the next index. */
  private static int bindDefinition(PreparedStatement statement, LotDefinition definition)
      throws SQLException {
    Tariff tariff = definition.tariff();
    statement.setString(1, definition.name());
    statement.setInt(2, definition.capacity());
    statement.setLong(3, tariff.hourlyRateCents());
    statement.setObject(4, tariff.dailyMaxCents(), Types.BIGINT);
    statement.setInt(5, tariff.graceMinutes());
    return 6;
  }
}
