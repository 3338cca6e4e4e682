package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Lot;
import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.NotFoundException;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Rows to domain values and back, shared by the store and its ticket writes.
 *
 * <p>Rows are read by position, in the order of {@link #LOT_COLUMNS} and the ticket queries: a
 * lookup by name costs H2 an upper-casing and a hash per column, a measurable share of a GET.
 */
final class StoreRows {

  static final String LOT_COLUMNS =
      "id, name, capacity, hourly_rate_cents, daily_max_cents, grace_minutes, occupied";
  private static final String SELECT_LOT = "SELECT " + LOT_COLUMNS + " FROM lots WHERE id = ?";

  private StoreRows() {}

  static Optional<Lot> findLot(Connection connection, String lotId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(SELECT_LOT)) {
      query.setString(1, lotId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(lot(rows)) : Optional.empty();
      }
    }
  }

  /** Runs a statement whose one parameter is a lot id; returns the rows it changed. */
  static int executeForLot(Connection connection, String sql, String lotId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, lotId);
      return statement.executeUpdate();
    }
  }

  /**
   * Why a ticket could not take a space: no such lot, the plate already parked there (the more
   * useful answer than a full lot, so it is checked first), or the lot full.
   */
  static RuntimeException whyNoSpace(Connection connection, Ticket ticket) throws SQLException {
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

  /**
   * Runs a statement that parks a ticket, binding the lot id as parameter 1 and the ticket's id,
   * plate, parked plate and entry time as 2–5; returns the rows it inserted.
   *
   * @throws ConflictException {@code ALREADY_PARKED} when the plate is parked in that lot already
   */
  static int park(PreparedStatement statement, Ticket ticket) throws SQLException {
    bindPark(statement, ticket);
    try {
      return statement.executeUpdate();
    } catch (SQLException e) {
      if (StoreErrors.isUniqueViolation(e)) {
        throw ConflictException.alreadyParked(ticket.plate(), ticket.lotId());
      }
      throw e;
    }
  }

  /**
   * Runs a statement that closes a ticket, binding exit time, fee and ticket id as parameters 1–3;
   * returns the rows it changed.
   */
  static int exit(PreparedStatement statement, Ticket parked, Instant exitedAt, long feeCents)
      throws SQLException {
    bindExit(statement, parked, exitedAt, feeCents);
    return statement.executeUpdate();
  }

  /** Binds what {@link #park} runs with, for a statement that runs later (in a batch). */
  static void bindPark(PreparedStatement statement, Ticket ticket) throws SQLException {
    statement.setString(1, ticket.lotId());
    statement.setObject(2, ticket.ticketId());
    statement.setString(3, ticket.plate().value());
    statement.setString(4, ticket.plate().value());
    setTimestamp(statement, 5, ticket.enteredAt());
  }

  /** Binds what {@link #exit} runs with, for a statement that runs later (in a batch). */
  static void bindExit(PreparedStatement statement, Ticket parked, Instant exitedAt, long feeCents)
      throws SQLException {
    setTimestamp(statement, 1, exitedAt);
    statement.setLong(2, feeCents);
    statement.setObject(3, parked.ticketId());
  }

  /** A lot from a row in the order of {@link #LOT_COLUMNS}. */
  static Lot lot(ResultSet rows) throws SQLException {
    LotDefinition definition =
        new LotDefinition(rows.getString(2), rows.getInt(3), tariff(rows, 4));
    return new Lot(rows.getString(1), definition, rows.getInt(7));
  }

  /** The tariff from three columns: hourly rate, daily maximum, grace minutes. */
  static Tariff tariff(ResultSet rows, int first) throws SQLException {
    return new Tariff(
        rows.getLong(first), rows.getObject(first + 1, Long.class), rows.getInt(first + 2));
  }

  /** A ticket from ticket_id, lot_id, plate, entered_at, exited_at, fee_cents in that order. */
  static Ticket ticket(ResultSet rows) throws SQLException {
    return new Ticket(
        rows.getObject(1, UUID.class),
        rows.getString(2),
        new Plate(rows.getString(3)),
        instant(rows, 4),
        instant(rows, 5),
        rows.getObject(6, Long.class));
  }

  /** Timestamps cross JDBC as OffsetDateTime in UTC, the type both drivers map to TIMESTAMPTZ. */
  static void setTimestamp(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(
        index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
