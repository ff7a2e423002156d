package com.painpoint.features.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Binds a YAML file (the config, the taxonomy) to records with Jackson, strictly: an unknown key, a
 * value of the wrong type or a value a record rejects is one {@link PainpointException} of kind
 * CONFIG naming the file, the key path and the value, so a company editing its file gets one clear
 * error.
 *
 * <p>Records declare their keys with {@code @JsonProperty} on a {@code @JsonCreator} factory whose
 * parameters are boxed (an absent key is null, so the factory applies the default) and throw {@link
 * InvalidConfigValue} for a value they refuse; this class adds the file and the path.
 */
public final class YamlBinding {

  private static final YAMLMapper MAPPER = strictMapper();

  private YamlBinding() {}

  private static YAMLMapper strictMapper() {
    YAMLMapper m =
        YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A lone value where a list is expected is a one-element list (url_patterns: '^/x').
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // 1.5 is not a whole number, and "5" (quoted) or 1 are not numbers or booleans: what
            // YAML typed as text stays text, as SnakeYAML's own maps gave it.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // Keys are only those the creators name: never a record component's Java name.
            .disable(MapperFeature.AUTO_DETECT_FIELDS)
            .disable(MapperFeature.AUTO_DETECT_GETTERS)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(MapperFeature.AUTO_DETECT_SETTERS)
            .disable(MapperFeature.INFER_PROPERTY_MUTATORS)
            .build();
    for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      m.coercionConfigFor(t)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    // Text accepts a plain number or boolean (a column named 2024, a keyword 'yes'), as before.
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
    return m;
  }

  /**
   * Reads and binds a YAML file whose top level is a mapping; an empty file gives {@code
   * whenEmpty}.
   */
  public static <T> T load(Path file, Class<T> type, T whenEmpty) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw PainpointException.config("config file not found: " + file);
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.CONFIG, "cannot read config file " + file + ": " + e, e);
    }
    return parse(file.toString(), text, type, whenEmpty);
  }

  /** Binds YAML text; {@code file} is used in error messages only. */
  public static <T> T parse(String file, String yaml, Class<T> type, T whenEmpty) {
    try (JsonParser p = MAPPER.createParser(yaml)) {
      // Errors are read while the parser is open: it still holds the offending value.
      try {
        JsonToken first = p.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL) {
          return whenEmpty;
        }
        if (first != JsonToken.START_OBJECT) {
          throw PainpointException.config(file + ": the top level must be a mapping of keys");
        }
        T value = MAPPER.readValue(p, type);
        return value == null ? whenEmpty : value;
      } catch (JacksonException e) {
        throw new PainpointException(PainpointException.Kind.CONFIG, message(file, e), e);
      }
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.CONFIG, "cannot read config " + file + ": " + e, e);
    }
  }

  /** An error about the value at {@code path} (e.g. {@code touchpoints[0].owner}). */
  public static PainpointException fieldError(String file, String path, String problem) {
    return PainpointException.config(file + ": field '" + path + "' " + problem);
  }

  private static String message(String file, JacksonException e) {
    StreamReadException syntax = cause(e, StreamReadException.class);
    if (syntax != null && !(syntax instanceof InputCoercionException)) {
      return file + ": not valid YAML: " + oneLine(syntax.getOriginalMessage());
    }
    String path = e instanceof JsonMappingException j ? path(j.getPath()) : "";
    InvalidConfigValue refused = cause(e, InvalidConfigValue.class);
    if (refused != null) {
      return fieldError(file, join(path, refused.key()), refused.problem()).getMessage();
    }
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      for (Object k : u.getKnownPropertyIds()) {
        known.add(String.valueOf(k));
      }
      return fieldError(
              file, path, "unknown field (known: " + String.join(", ", new TreeSet<>(known)) + ")")
          .getMessage();
    }
    InputCoercionException range = cause(e, InputCoercionException.class);
    if (range != null) {
      return fieldError(file, path, "is out of range: " + oneLine(range.getOriginalMessage()))
          .getMessage();
    }
    if (e instanceof MismatchedInputException m) {
      return fieldError(file, path, expected(m.getTargetType()) + ", got " + describe(m))
          .getMessage();
    }
    return file
        + ": "
        + (path.isEmpty() ? "" : "field '" + path + "' ")
        + oneLine(e.getOriginalMessage());
  }

  private static String oneLine(String message) {
    return String.valueOf(message).replace('\n', ' ').replaceAll(" +", " ").trim();
  }

  private static <X extends Throwable> X cause(Throwable e, Class<X> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** "touchpoints[0].url_pattern" from Jackson's path references. */
  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has a value of the wrong type";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == java.math.BigInteger.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == String.class || type == Character.class || type == char.class) {
      return "must be text";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "must be a mapping of keys";
    }
    return "must be a " + type.getSimpleName();
  }

  /** The offending value as the old messages showed it: 'text', a mapping or a list. */
  private static String describe(MismatchedInputException m) {
    if (m instanceof InvalidFormatException f && f.getValue() != null) {
      return "'" + f.getValue() + "'";
    }
    if (m.getProcessor() instanceof JsonParser p) {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
        return "a mapping";
      }
      if (t == JsonToken.START_ARRAY || t == JsonToken.END_ARRAY) {
        return "a list";
      }
      try {
        return "'" + Objects.toString(p.getText(), "") + "'";
      } catch (IOException ignored) {
        // fall through: the type alone still says what is wrong
      }
    }
    return "another type";
  }
}
