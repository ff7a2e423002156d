package com.painpoint.jobs.results;

/** What the report stage wrote. */
public record ReportFigures(
    String html, String summary, int htmlChars, int summaryChars, String window, String quality) {}
