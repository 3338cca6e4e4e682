package dev.parkingoperator.parking.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkingoperator.parking.domain.InvalidInputException;
import java.util.Iterator;
import java.util.Set;

/**
 * The fields of a JSON object body, read with their types checked: every wrong type, missing field
 * or unknown field becomes a 400 naming it.
 */
final class JsonFields {

  private final JsonNode object;

  private JsonFields(JsonNode object) {
    this.object = object;
  }

  /**
   * @param allowed the fields the endpoint understands; any other is rejected, to catch typos
   */
  static JsonFields of(JsonNode body, Set<String> allowed) {
    if (!body.isObject()) {
      throw new InvalidInputException("body", "the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidInputException(name, "unknown field '" + name + "'");
      }
    }
    return new JsonFields(body);
  }

  String requiredString(String field) {
    JsonNode value = present(field);
    if (!value.isTextual()) {
      throw wrongType(field, "a string");
    }
    return value.textValue();
  }

  String optionalString(String field) {
    return isAbsent(field) ? null : requiredString(field);
  }

  long requiredLong(String field, long min, long max) {
    JsonNode value = present(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(field, "an integer");
    }
    long number = value.longValue();
    if (number < min || number > max) {
      throw new InvalidInputException(
          field, field + " must be between " + min + " and " + max + ", got " + number);
    }
    return number;
  }

  int requiredInt(String field, int min, int max) {
    return (int) requiredLong(field, min, max);
  }

  Long optionalLong(String field, long min, long max) {
    return isAbsent(field) ? null : requiredLong(field, min, max);
  }

  private boolean isAbsent(String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull();
  }

  private JsonNode present(String field) {
    if (isAbsent(field)) {
      throw new InvalidInputException(field, field + " is required");
    }
    return object.get(field);
  }

  private static InvalidInputException wrongType(String field, String expected) {
    return new InvalidInputException(field, field + " must be " + expected);
  }
}
