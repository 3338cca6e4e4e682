package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Lot;
import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.NotFoundException;
import dev.parkingoperator.parking.domain.ParkingStore;
import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.Tariff;
import dev.parkingoperator.parking.domain.Ticket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The store on SQL that H2 and PostgreSQL both run, on plain JDBC: the statements are few and hot,
 * and a mapping library cost more start-up time than it saved code.
 *
 * <p>Every write that could race takes the lot's row first (a conditional UPDATE), so concurrent
 * entries, exits and lot changes queue on one row, in one order, and cannot deadlock.
 */
public final class JdbcParkingStore implements ParkingStore {

  private static final String LOT_COLUMNS =
      "id, name, capacity, hourly_rate_cents, daily_max_cents, grace_minutes, occupied";
  private static final String SELECT_LOT = "SELECT " + LOT_COLUMNS + " FROM lots WHERE id = ?";
  private static final String SELECT_TICKET =
      "SELECT t.ticket_id, t.lot_id, t.plate, t.entered_at, t.exited_at, t.fee_cents,"
          + " l.hourly_rate_cents, l.daily_max_cents, l.grace_minutes"
          + " FROM tickets t JOIN lots l ON l.id = t.lot_id WHERE t.ticket_id = ?";

  private final Transactions transactions;

  public JdbcParkingStore(DataSource dataSource) {
    this(dataSource, () -> {});
  }

  /** @param afterCommit returns once a committed write is durable (see Database#afterCommit) */
  public JdbcParkingStore(DataSource dataSource, Runnable afterCommit) {
    this.transactions = new Transactions(dataSource, afterCommit);
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
            setTimestamp(insert, next + 1, Instant.now());
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
                  connection.prepareStatement("SELECT " + LOT_COLUMNS + " FROM lots ORDER BY id");
              ResultSet rows = query.executeQuery()) {
            List<Lot> lots = new ArrayList<>();
            while (rows.next()) {
              lots.add(lot(rows));
            }
            return lots;
          }
        });
  }

  @Override
  public Optional<Lot> lot(String lotId) {
    return transactions.read(connection -> findLot(connection, lotId));
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
              findLot(connection, lotId).orElseThrow(() -> NotFoundException.lot(lotId));
              throw ConflictException.capacityBelowOccupancy(lotId, definition.capacity());
            }
          }
          return findLot(connection, lotId).orElseThrow();
        });
  }

  @Override
  public void deleteLot(String lotId) {
    transactions.inTransaction(
        connection -> {
          if (execute(connection, "DELETE FROM lots WHERE id = ? AND occupied = 0", lotId) == 0) {
            findLot(connection, lotId).orElseThrow(() -> NotFoundException.lot(lotId));
            throw ConflictException.lotNotEmpty(lotId);
          }
          return null;
        });
  }

  @Override
  public Ticket openTicket(Ticket ticket) {
    return transactions.inTransaction(
        connection -> {
          String takeSpace =
              "UPDATE lots SET occupied = occupied + 1 WHERE id = ? AND occupied < capacity";
          if (execute(connection, takeSpace, ticket.lotId()) == 0) {
            throw whyNoSpace(connection, ticket);
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tickets (ticket_id, lot_id, plate, parked_plate, entered_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, ticket.ticketId());
            insert.setString(2, ticket.lotId());
            insert.setString(3, ticket.plate().value());
            insert.setString(4, ticket.plate().value());
            setTimestamp(insert, 5, ticket.enteredAt());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (StoreErrors.isUniqueViolation(e)) {
              throw ConflictException.alreadyParked(ticket.plate(), ticket.lotId());
            }
            throw e;
          }
          return ticket;
        });
  }

  /** A plate already parked is the more useful answer than a full lot, so it is checked first. */
  private static RuntimeException whyNoSpace(Connection connection, Ticket ticket)
      throws SQLException {
    if (findLot(connection, ticket.lotId()).isEmpty()) {
      return NotFoundException.lot(ticket.lotId());
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT 1 FROM tickets WHERE lot_id = ? AND parked_plate = ?")) {
      query.setString(1, ticket.lotId());
      query.setString(2, ticket.plate().value());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? ConflictException.alreadyParked(ticket.plate(), ticket.lotId())
            : ConflictException.lotFull(ticket.lotId());
      }
    }
  }

  @Override
  public Optional<TicketInLot> ticket(UUID ticketId) {
    return transactions.read(
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(SELECT_TICKET)) {
            query.setObject(1, ticketId);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next()
                  ? Optional.of(new TicketInLot(ticket(rows), tariff(rows, 7)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Ticket closeTicket(Ticket parked, Instant exitedAt, long feeCents) {
    return transactions.inTransaction(
        connection -> {
          // Free the space first: that takes the lot's row, as every racing write does first.
          // Then close the ticket only if it is still parked; if it is not, the throw rolls the
          // freed space back. A parked ticket means occupied > 0, so the condition only guards
          // a ticket already gone.
          String freeSpace = "UPDATE lots SET occupied = occupied - 1 WHERE id = ? AND occupied > 0";
          if (execute(connection, freeSpace, parked.lotId()) == 0) {
            throw ConflictException.alreadyExited(parked.ticketId());
          }
          try (PreparedStatement close =
              connection.prepareStatement(
                  "UPDATE tickets SET exited_at = ?, fee_cents = ?, parked_plate = NULL"
                      + " WHERE ticket_id = ? AND exited_at IS NULL")) {
            setTimestamp(close, 1, exitedAt);
            close.setLong(2, feeCents);
            close.setObject(3, parked.ticketId());
            if (close.executeUpdate() == 0) {
              throw ConflictException.alreadyExited(parked.ticketId());
            }
          }
          return parked.exited(exitedAt, feeCents);
        });
  }

  /** Runs a statement whose one parameter is a lot id; returns the rows it changed. */
  private static int execute(Connection connection, String sql, String lotId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, lotId);
      return statement.execute() ? 0 : statement.getUpdateCount();
    }
  }

  private static Optional<Lot> findLot(Connection connection, String lotId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(SELECT_LOT)) {
      query.setString(1, lotId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(lot(rows)) : Optional.empty();
      }
    }
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

  // Rows are read by position, in the order of LOT_COLUMNS and SELECT_TICKET: a lookup by name
  // costs H2 an upper-casing and a hash per column, a measurable share of a GET.
  private static Lot lot(ResultSet rows) throws SQLException {
    LotDefinition definition = new LotDefinition(rows.getString(2), rows.getInt(3), tariff(rows, 4));
    return new Lot(rows.getString(1), definition, rows.getInt(7));
  }

  /** The tariff from three columns: hourly rate, daily maximum, grace minutes. */
  private static Tariff tariff(ResultSet rows, int first) throws SQLException {
    return new Tariff(
        rows.getLong(first), rows.getObject(first + 1, Long.class), rows.getInt(first + 2));
  }

  private static Ticket ticket(ResultSet rows) throws SQLException {
    return new Ticket(
        rows.getObject(1, UUID.class),
        rows.getString(2),
        new Plate(rows.getString(3)),
        instant(rows, 4),
        instant(rows, 5),
        rows.getObject(6, Long.class));
  }

  /** Timestamps cross JDBC as OffsetDateTime in UTC, the type both drivers map to TIMESTAMPTZ. */
  private static void setTimestamp(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(
        index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
