package com.painpoint.jobs.eval;

import com.painpoint.features.config.PainpointException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --flag value} arguments of the evaluation scripts against a known set of flags. */
final class EvalArgs {
  private final Map<String, String> values = new LinkedHashMap<>();

  EvalArgs(String[] args, Set<String> known, String usage) {
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        System.out.println(usage);
        System.exit(0);
      }
      if (!known.contains(flag)) {
        throw PainpointException.config("unknown option '" + flag + "'\n" + usage);
      }
      if (i + 1 >= args.length) {
        throw PainpointException.config("option " + flag + " needs a value");
      }
      values.put(flag, args[++i]);
    }
  }

  String get(String flag, String fallback) {
    return values.getOrDefault(flag, fallback);
  }

  String required(String flag, String usage) {
    String v = values.get(flag);
    if (v == null) {
      throw PainpointException.config("missing required option " + flag + "\n" + usage);
    }
    return v;
  }

  double decimal(String flag, double fallback) {
    String v = values.get(flag);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw PainpointException.config(flag + ": '" + v + "' is not a number");
    }
  }

  int integer(String flag, int fallback) {
    String v = values.get(flag);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw PainpointException.config(flag + ": '" + v + "' is not a whole number");
    }
  }
}
