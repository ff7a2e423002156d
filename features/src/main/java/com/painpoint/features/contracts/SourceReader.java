package com.painpoint.features.contracts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.SourceConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one input source (CSV with quoted multi-line text, JSON lines, or Parquet; local, hdfs://
 * or s3a:// paths) into Painpoint's column names, all raw, plus the file each row came from. A
 * missing path, an empty folder or a missing required column stops the run here, before any work.
 */
public final class SourceReader {

  /**
   * What was read.
   *
   * @param data raw rows with our column names, {@link SourceContract#SOURCE_FILE} and, for text
   *     formats, {@link SourceContract#CORRUPT_RECORD}
   * @param format csv, json or parquet
   * @param files number of data files found
   * @param columnsUsed our column name -> the source's column name (absent: not in the source)
   * @param extraColumns source columns the contract does not use
   */
  public record RawSource(
      Dataset<Row> data,
      String format,
      int files,
      Map<String, String> columnsUsed,
      List<String> extraColumns) {}

  private SourceReader() {}

  public static RawSource read(
      SparkSession spark, String path, SourceConfig config, SourceContract contract) {
    List<FileStatus> files = listDataFiles(spark, path, contract.name());
    String format = format(config.format(), path, files, contract.name());
    List<String> csvOnly = config.csvOptionsSet();
    if (!format.equals("csv") && !csvOnly.isEmpty()) {
      throw PainpointException.config(
          contract.name()
              + ": "
              + String.join(", ", csvOnly)
              + " under `sources."
              + contract.name()
              + (csvOnly.size() == 1 ? "` applies" : "` apply")
              + " to CSV sources only, and "
              + path
              + " is read as "
              + format);
    }
    Dataset<Row> data;
    List<String> sourceColumns;
    switch (format) {
      case "csv":
        allowCharset(spark, config.encoding());
        sourceColumns = csvHeader(spark, path, contract.name(), config);
        data = csvReader(spark, sourceColumns, config).csv(path);
        break;
      case "json":
        sourceColumns = new ArrayList<>();
        for (Field f : contract.fields()) {
          sourceColumns.add(config.sourceName(f.name()));
        }
        data = jsonReader(spark, sourceColumns).json(path);
        break;
      default:
        for (FileStatus f : files) {
          // Spark skips a zero-byte file silently; in Parquet it is never valid, but the trace of
          // a write that died, and the rows it should have held would be lost without a count.
          if (f.getLen() == 0) {
            throw PainpointException.badInput(
                contract.name()
                    + ": cannot read file "
                    + f.getPath()
                    + ": zero-byte file, not Parquet (an interrupted write?)");
          }
        }
        try {
          data = spark.read().parquet(path);
        } catch (RuntimeException e) {
          PainpointException unreadable = unreadableFile(contract.name(), e);
          throw unreadable != null
              ? unreadable
              : new PainpointException(
                  PainpointException.Kind.BAD_INPUT,
                  contract.name() + ": cannot read Parquet at " + path + ": " + firstLine(e),
                  e);
        }
        sourceColumns = List.of(data.schema().fieldNames());
    }
    Map<String, String> lowerToActual = new LinkedHashMap<>();
    for (String c : sourceColumns) {
      lowerToActual.putIfAbsent(c.trim().toLowerCase(Locale.ROOT), c);
    }
    Map<String, String> used = new LinkedHashMap<>();
    List<Column> select = new ArrayList<>();
    for (Field f : contract.fields()) {
      String wanted = config.sourceName(f.name());
      String actual = lowerToActual.get(wanted.trim().toLowerCase(Locale.ROOT));
      if (actual == null) {
        if (f.requiredColumn()) {
          String mapped = wanted.equals(f.name()) ? "" : " (mapped from '" + wanted + "')";
          String hint =
              format.equals("csv")
                  ? SourceHints.delimiter(contract.name(), sourceColumns, config.delimiter())
                  : null;
          throw PainpointException.badInput(
              contract.name()
                  + ": required column '"
                  + f.name()
                  + "'"
                  + mapped
                  + " not found in "
                  + path
                  + "; columns present: "
                  + String.join(", ", sourceColumns)
                  + (hint == null ? "" : "; " + hint));
        }
        select.add(lit(null).cast(DataTypes.StringType).as(f.name()));
      } else {
        used.put(f.name(), actual);
        select.add(col(SourceContract.quote(actual)).as(f.name(), RawFormat.of(f, config)));
      }
    }
    List<String> extra = new ArrayList<>();
    for (String c : sourceColumns) {
      if (!used.containsValue(c) && !c.equals(SourceContract.CORRUPT_RECORD)) {
        extra.add(c);
      }
    }
    if (!format.equals("parquet")) {
      select.add(col(SourceContract.CORRUPT_RECORD));
    }
    select.add(col("_metadata.file_path").as(SourceContract.SOURCE_FILE));
    return new RawSource(
        data.select(select.toArray(Column[]::new)), format, files.size(), used, extra);
  }

  private static DataFrameReader csvReader(
      SparkSession spark, List<String> header, SourceConfig config) {
    List<StructField> fields = new ArrayList<>();
    for (String h : header) {
      fields.add(DataTypes.createStructField(h, DataTypes.StringType, true));
    }
    fields.add(
        DataTypes.createStructField(SourceContract.CORRUPT_RECORD, DataTypes.StringType, true));
    return csvOptions(spark.read(), config)
        .schema(DataTypes.createStructType(fields))
        .option("header", "true")
        // The header was read by csvHeader(); columns are matched by position to it.
        .option("enforceSchema", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", SourceContract.CORRUPT_RECORD);
  }

  private static DataFrameReader jsonReader(SparkSession spark, List<String> names) {
    List<StructField> fields = new ArrayList<>();
    for (String n : names) {
      fields.add(DataTypes.createStructField(n, DataTypes.StringType, true));
    }
    fields.add(
        DataTypes.createStructField(SourceContract.CORRUPT_RECORD, DataTypes.StringType, true));
    return spark
        .read()
        .schema(DataTypes.createStructType(fields))
        .option("mode", "PERMISSIVE")
        .option("encoding", "UTF-8")
        .option("columnNameOfCorruptRecord", SourceContract.CORRUPT_RECORD);
  }

  /** The character sets Spark 4's CSV reader accepts without {@link #JAVA_CHARSETS}. */
  private static final Set<String> SPARK_CHARSETS =
      Set.of("us-ascii", "iso-8859-1", "utf-8", "utf-16be", "utf-16le", "utf-16", "utf-32");

  /** Lets the CSV reader use any charset of the JDK rather than Spark 4's seven. */
  private static final String JAVA_CHARSETS = "spark.sql.legacy.javaCharsets";

  /**
   * Spark 4 refuses a CSV encoding outside its seven (windows-1252, the encoding of most Excel
   * exports in Western Europe, among them) unless {@code spark.sql.legacy.javaCharsets} is set. The
   * setting only widens what is accepted, and the rows are read long after this call, so it is set
   * on the session (only when a source needs it: a run without such a source is untouched).
   */
  private static void allowCharset(SparkSession spark, String encoding) {
    if (!SPARK_CHARSETS.contains(encoding.toLowerCase(Locale.ROOT))) {
      spark.conf().set(JAVA_CHARSETS, "true");
    }
  }

  /**
   * How the source's CSV is written, for both the header and the rows: multi-line quoted values,
   * and the delimiter, quote, escape (by default the quote itself: {@code ""}) and encoding of the
   * source's config.
   */
  private static DataFrameReader csvOptions(DataFrameReader reader, SourceConfig config) {
    return reader
        .option("multiLine", "true")
        .option("sep", config.delimiter())
        .option("quote", config.quote())
        .option("escape", config.escape())
        .option("encoding", config.encoding());
  }

  /** Header names of a CSV source (a BOM and surrounding spaces removed; repeats made unique). */
  private static List<String> csvHeader(
      SparkSession spark, String path, String source, SourceConfig config) {
    StructType header =
        csvOptions(spark.read(), config).option("header", "true").csv(path).schema();
    List<String> names = new ArrayList<>();
    for (String n : header.fieldNames()) {
      String clean = n.replace("\uFEFF", "").trim();
      String unique = clean;
      for (int i = 2; names.contains(unique); i++) {
        unique = clean + "_" + i;
      }
      names.add(unique);
    }
    if (names.isEmpty()) {
      throw PainpointException.badInput(source + ": no header row in " + path + " (empty CSV?)");
    }
    return names;
  }

  private static List<FileStatus> listDataFiles(SparkSession spark, String path, String source) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw PainpointException.badInput(source + ": input path does not exist: " + path);
      }
      List<FileStatus> out = new ArrayList<>();
      FileStatus status = fs.getFileStatus(p);
      if (status.isFile()) {
        out.add(status);
      } else {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          String name = f.getPath().getName();
          if (!name.startsWith("_") && !name.startsWith(".")) {
            out.add(f);
          }
        }
      }
      if (out.isEmpty()) {
        throw PainpointException.badInput(source + ": no data files in " + path);
      }
      return out;
    } catch (IOException e) {
      throw new PainpointException(
          PainpointException.Kind.BAD_INPUT, source + ": cannot list " + path + ": " + e, e);
    }
  }

  private static String format(
      String configured, String path, List<FileStatus> files, String source) {
    if (!"auto".equals(configured)) {
      return configured;
    }
    String name = files.get(0).getPath().getName().toLowerCase(Locale.ROOT);
    String whole = path.toLowerCase(Locale.ROOT);
    for (String candidate : List.of(whole, name)) {
      if (candidate.endsWith(".csv") || candidate.endsWith(".csv.gz")) {
        return "csv";
      }
      if (candidate.endsWith(".jsonl")
          || candidate.endsWith(".json")
          || candidate.endsWith(".ndjson")
          || candidate.endsWith(".jsonl.gz")) {
        return "json";
      }
      if (candidate.endsWith(".parquet")) {
        return "parquet";
      }
    }
    throw PainpointException.badInput(
        source
            + ": cannot tell the format of "
            + path
            + " (file '"
            + name
            + "'); name files .csv, .jsonl or .parquet, or set sources."
            + source
            + ".format in the config");
  }

  /**
   * The bad-input error for a Spark failure caused by one unreadable input file (a zero-byte,
   * truncated or corrupt Parquet file, a broken gzip), naming the file and the reader's reason;
   * null when {@code failure} is something else. Such a file cannot be quarantined row by row, so
   * the run stops rather than silently skip it.
   */
  public static PainpointException unreadableFile(String source, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st
          && st.getCondition() != null
          && (st.getCondition().startsWith("FAILED_READ_FILE")
              || st.getCondition().startsWith("CANNOT_READ_FILE_FOOTER"))) {
        String file = st.getMessageParameters().getOrDefault("path", "?");
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        return new PainpointException(
            PainpointException.Kind.BAD_INPUT,
            source + ": cannot read file " + new Path(unquote(file)) + ": " + firstLine(root),
            failure);
      }
    }
    return null;
  }

  private static String unquote(String s) {
    return s.length() > 1 && s.startsWith("`") && s.endsWith("`")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
