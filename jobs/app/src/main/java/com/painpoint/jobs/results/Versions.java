package com.painpoint.jobs.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions that produced a run. */
public record Versions(String painpoint, String spark, String java) {

  public static Versions of(String sparkVersion) {
    return new Versions(painpointVersion(), sparkVersion, System.getProperty("java.version"));
  }

  /** "painpoint 0.1.0, spark 4.1.0, java 17.0.15". */
  @Override
  public String toString() {
    return "painpoint " + painpoint + ", spark " + spark + ", java " + java;
  }

  static String painpointVersion() {
    try (InputStream in = Versions.class.getResourceAsStream("/painpoint-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
