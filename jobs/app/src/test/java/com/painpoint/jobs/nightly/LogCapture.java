package com.painpoint.jobs.nightly;

import java.io.Writer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log line (all loggers, with stack traces) while open, into a StringBuilder. */
final class LogCapture implements AutoCloseable {
  private static final String NAME = "painpoint-test-capture";
  private final LoggerContext context;
  private final WriterAppender appender;

  private LogCapture(LoggerContext context, WriterAppender appender) {
    this.context = context;
    this.appender = appender;
  }

  static LogCapture start(StringBuilder sink) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Writer w =
        new Writer() {
          @Override
          public synchronized void write(char[] buf, int off, int len) {
            sink.append(buf, off, len);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    WriterAppender a =
        WriterAppender.newBuilder()
            .setName(NAME)
            .setTarget(w)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build())
            .build();
    a.start();
    Configuration cfg = ctx.getConfiguration();
    cfg.getRootLogger().addAppender(a, Level.ALL, null);
    for (LoggerConfig lc : cfg.getLoggers().values()) {
      if (!lc.getAppenders().containsKey(NAME)) {
        lc.addAppender(a, Level.ALL, null);
      }
    }
    ctx.updateLoggers();
    return new LogCapture(ctx, a);
  }

  @Override
  public void close() {
    Configuration cfg = context.getConfiguration();
    cfg.getRootLogger().removeAppender(NAME);
    for (LoggerConfig lc : cfg.getLoggers().values()) {
      lc.removeAppender(NAME);
    }
    context.updateLoggers();
    appender.stop();
  }
}
