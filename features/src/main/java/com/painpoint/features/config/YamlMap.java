package com.painpoint.features.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A strict, typed view of one YAML mapping: unknown keys and wrong types fail with the file and the
 * key path in the message, so a company editing its config gets one clear error.
 */
public final class YamlMap {
  private final String file;
  private final String path;
  private final Map<String, Object> values;

  private YamlMap(String file, String path, Map<String, Object> values) {
    this.file = file;
    this.path = path;
    this.values = values;
  }

  /** Parses a YAML file whose top level is a mapping (an empty file is an empty mapping). */
  public static YamlMap load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw PainpointException.config("config file not found: " + file);
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.CONFIG, "cannot read config file " + file + ": " + e, e);
    }
    return parse(file.toString(), new java.io.StringReader(text));
  }

  /** Parses YAML text; {@code file} is used in error messages only. */
  public static YamlMap parse(String file, Reader reader) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (YAMLException e) {
      throw PainpointException.config(
          file + ": not valid YAML: " + e.getMessage().replace('\n', ' ').trim());
    }
    if (root == null) {
      return new YamlMap(file, "", Map.of());
    }
    if (!(root instanceof Map)) {
      throw PainpointException.config(file + ": the top level must be a mapping of keys");
    }
    return new YamlMap(file, "", asStringMap(file, "", root));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asStringMap(String file, String path, Object value) {
    Map<Object, Object> raw = (Map<Object, Object>) value;
    for (Object key : raw.keySet()) {
      if (!(key instanceof String)) {
        throw PainpointException.config(
            file + ": key '" + key + "' under " + where(path) + " must be text");
      }
    }
    return (Map<String, Object>) value;
  }

  private static String where(String path) {
    return path.isEmpty() ? "the top level" : "'" + path + "'";
  }

  public String file() {
    return file;
  }

  /** Fails when the mapping holds a key outside {@code allowed}. */
  public YamlMap requireOnlyKeys(Set<String> allowed) {
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw error(
            key, "unknown field (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.get(key) != null;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public String string(String key, String fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw error(key, "must be text, got " + describe(v));
  }

  public String requiredString(String key) {
    String v = string(key, null);
    if (v == null || v.isBlank()) {
      throw error(key, "is required");
    }
    return v.trim();
  }

  public Long longValue(String key, Long fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    throw error(key, "must be a whole number, got " + describe(v));
  }

  public double doubleValue(String key, double fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    throw error(key, "must be a number, got " + describe(v));
  }

  public boolean bool(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw error(key, "must be true or false, got " + describe(v));
  }

  /** A list of text values; a single text value is accepted as a one-element list. */
  public List<String> strings(String key) {
    Object v = values.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof String) {
      out.add((String) v);
      return out;
    }
    if (!(v instanceof List)) {
      throw error(key, "must be a list of text values, got " + describe(v));
    }
    for (Object item : (List<?>) v) {
      if (!(item instanceof String || item instanceof Number)) {
        throw error(key, "must be a list of text values, got item " + describe(item));
      }
      out.add(item.toString());
    }
    return out;
  }

  public YamlMap map(String key) {
    Object v = values.get(key);
    if (v == null) {
      return new YamlMap(file, child(key), Map.of());
    }
    if (!(v instanceof Map)) {
      throw error(key, "must be a mapping of keys, got " + describe(v));
    }
    return new YamlMap(file, child(key), asStringMap(file, child(key), v));
  }

  public List<YamlMap> maps(String key) {
    Object v = values.get(key);
    List<YamlMap> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List)) {
      throw error(key, "must be a list, got " + describe(v));
    }
    List<?> items = (List<?>) v;
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      String itemPath = child(key) + "[" + i + "]";
      if (!(item instanceof Map)) {
        throw PainpointException.config(
            file + ": " + itemPath + " must be a mapping of keys, got " + describe(item));
      }
      out.add(new YamlMap(file, itemPath, asStringMap(file, itemPath, item)));
    }
    return out;
  }

  /** An error about one key of this mapping, naming the file and the full key path. */
  public PainpointException error(String key, String problem) {
    return PainpointException.config(file + ": field '" + child(key) + "' " + problem);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String describe(Object v) {
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
