package com.painpoint.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A tiny template language for generated sentences: {@code {a|b|c}} picks one alternative, {@code
 * [a]} keeps its content half the time ({@code [a|b]}: one of them, or nothing), {@code $name} is a
 * slot whose text comes from a resolver (and may itself be a template). Templates are parsed once
 * and cached; expansion draws only from the given random stream, so it is deterministic.
 */
final class Grammar {

  private interface Node {
    void emit(
        SplittableRandom r, StringBuilder out, BiFunction<String, SplittableRandom, String> slots);
  }

  private record Text(String s) implements Node {
    @Override
    public void emit(
        SplittableRandom r, StringBuilder out, BiFunction<String, SplittableRandom, String> slots) {
      out.append(s);
    }
  }

  private record Seq(List<Node> parts) implements Node {
    @Override
    public void emit(
        SplittableRandom r, StringBuilder out, BiFunction<String, SplittableRandom, String> slots) {
      for (Node n : parts) {
        n.emit(r, out, slots);
      }
    }
  }

  private record Choice(List<Node> options, boolean optional) implements Node {
    @Override
    public void emit(
        SplittableRandom r, StringBuilder out, BiFunction<String, SplittableRandom, String> slots) {
      if (optional && r.nextBoolean()) {
        return;
      }
      options.get(r.nextInt(options.size())).emit(r, out, slots);
    }
  }

  private record Slot(String name) implements Node {
    @Override
    public void emit(
        SplittableRandom r, StringBuilder out, BiFunction<String, SplittableRandom, String> slots) {
      String value = slots.apply(name, r);
      if (value == null) {
        throw new IllegalArgumentException("unknown slot $" + name);
      }
      if (value.indexOf('{') >= 0 || value.indexOf('[') >= 0 || value.indexOf('$') >= 0) {
        parse(value).emit(r, out, slots);
      } else {
        out.append(value);
      }
    }
  }

  private static final Map<String, Node> CACHE = new ConcurrentHashMap<>();

  private Grammar() {}

  /** Expands a template; slots are resolved by {@code slots} (name, random) → text. */
  static String expand(
      String template, SplittableRandom r, BiFunction<String, SplittableRandom, String> slots) {
    StringBuilder out = new StringBuilder();
    parse(template).emit(r, out, slots);
    // A fragment that starts with a space (" again") keeps it: it is appended to a sentence.
    return (template.startsWith(" ") ? " " : "") + tidy(out);
  }

  /** Every literal word a template can produce (slots excluded), for checks on the word banks. */
  static String literals(String template) {
    return template.replaceAll("\\$[a-z][a-z0-9]*", " ").replaceAll("[\\[\\]{}|]", " ");
  }

  private static Node parse(String template) {
    return CACHE.computeIfAbsent(
        template,
        t -> {
          int[] at = {0};
          Node n = sequence(t, at, false);
          if (at[0] != t.length()) {
            throw new IllegalArgumentException("unbalanced template: " + t);
          }
          return n;
        });
  }

  /** Parses alternatives separated by '|' until the closing bracket (or the end at top level). */
  private static Node sequence(String t, int[] at, boolean nested) {
    List<Node> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (at[0] < t.length()) {
      char c = t.charAt(at[0]);
      if (nested && (c == '|' || c == '}' || c == ']')) {
        break;
      }
      if (c == '{' || c == '[') {
        flush(text, parts);
        at[0]++;
        List<Node> options = new ArrayList<>();
        char close = c == '{' ? '}' : ']';
        while (true) {
          options.add(sequence(t, at, true));
          if (at[0] >= t.length()) {
            throw new IllegalArgumentException("unclosed " + c + " in: " + t);
          }
          char d = t.charAt(at[0]++);
          if (d == '|') {
            continue;
          }
          if (d != close) {
            throw new IllegalArgumentException("expected " + close + " in: " + t);
          }
          break;
        }
        parts.add(new Choice(options, c == '['));
      } else if (c == '$' && at[0] + 1 < t.length() && Character.isLowerCase(t.charAt(at[0] + 1))) {
        flush(text, parts);
        int end = at[0] + 1;
        while (end < t.length()
            && (Character.isLowerCase(t.charAt(end)) || Character.isDigit(t.charAt(end)))) {
          end++;
        }
        parts.add(new Slot(t.substring(at[0] + 1, end)));
        at[0] = end;
      } else {
        text.append(c);
        at[0]++;
      }
    }
    flush(text, parts);
    return parts.size() == 1 ? parts.get(0) : new Seq(parts);
  }

  private static void flush(StringBuilder text, List<Node> parts) {
    if (text.length() > 0) {
      parts.add(new Text(text.toString()));
      text.setLength(0);
    }
  }

  /** Collapses the spaces left by empty options and fixes spaces before punctuation. */
  static String tidy(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (out.length() == 0 || out.charAt(out.length() - 1) == ' ') {
          continue;
        }
      } else if ((c == ',' || c == '.' || c == '!' || c == '?' || c == ';')
          && out.length() > 0
          && out.charAt(out.length() - 1) == ' ') {
        out.setLength(out.length() - 1);
      }
      out.append(c);
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    return out.toString();
  }
}
