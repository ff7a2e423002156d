package com.painpoint.features.config;

/** A failure that ends the run with one clear line and a documented exit code. */
public class PainpointException extends RuntimeException {

  /** Why the run stopped; each kind has its own process exit code. */
  public enum Kind {
    /** Input data breaks its contract (missing column, too many rejects, unreadable files). */
    BAD_INPUT(2),
    /** Options, config or taxonomy are invalid. */
    CONFIG(3),
    /** Anything else: Spark failure, storage failure, bug. */
    RUNTIME(4);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  public PainpointException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PainpointException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static PainpointException badInput(String message) {
    return new PainpointException(Kind.BAD_INPUT, message);
  }

  public static PainpointException config(String message) {
    return new PainpointException(Kind.CONFIG, message);
  }

  public Kind kind() {
    return kind;
  }
}
