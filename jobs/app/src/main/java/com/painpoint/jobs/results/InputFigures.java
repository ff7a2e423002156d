package com.painpoint.jobs.results;

import com.painpoint.features.contracts.SourceReader;
import java.util.List;
import java.util.Map;

/** How one input was read: its path, format, files, the columns used and those ignored. */
public record InputFigures(
    String path,
    String format,
    int files,
    Map<String, String> columnsUsed,
    List<String> extraColumnsIgnored) {

  public static InputFigures of(String path, SourceReader.RawSource raw) {
    return new InputFigures(path, raw.format(), raw.files(), raw.columnsUsed(), raw.extraColumns());
  }
}
