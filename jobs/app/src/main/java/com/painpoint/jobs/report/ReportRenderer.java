package com.painpoint.jobs.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the {@link ReportModel} with Pebble templates: {@code report.html.peb} (every value
 * HTML-escaped by default; only the report's own chart SVGs are marked raw) and {@code
 * summary.md.peb} (every value Markdown-escaped). Customer text is data, never template: Pebble
 * does not evaluate the values it prints, so template syntax in feedback stays literal.
 */
public final class ReportRenderer {
  private static final PebbleEngine HTML = engine("html");
  private static final PebbleEngine MARKDOWN = engine("markdown");

  private ReportRenderer() {}

  public static String html(ReportModel model) {
    return render(HTML, "report.html.peb", model);
  }

  public static String markdown(ReportModel model) {
    return render(MARKDOWN, "summary.md.peb", model);
  }

  private static String render(PebbleEngine engine, String template, ReportModel model) {
    StringWriter out = new StringWriter();
    try {
      engine.getTemplate(template).evaluate(out, Map.of("r", model));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + template, e);
    }
    return out.toString();
  }

  private static PebbleEngine engine(String escaping) {
    ClasspathLoader loader = new ClasspathLoader(ReportRenderer.class.getClassLoader());
    loader.setPrefix("com/painpoint/jobs/report");
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(true)
        .addEscapingStrategy("markdown", ReportRenderer::escapeMarkdown)
        .defaultEscapingStrategy(escaping)
        .strictVariables(true)
        .newLineTrimming(true)
        .cacheActive(true)
        .build();
  }

  /**
   * Escapes text for a Markdown table cell or line: Markdown punctuation gets a backslash, angle
   * brackets and ampersands become entities (so no HTML passes through a Markdown renderer), and
   * line breaks become spaces.
   */
  public static String escapeMarkdown(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '\r', '\n', '\t' -> b.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|' -> b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
