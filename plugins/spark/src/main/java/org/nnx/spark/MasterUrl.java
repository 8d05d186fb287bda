package org.nnx.spark;

import java.util.regex.Pattern;
import org.nnx.execute.ExecutorSettingsException;

/** Checks a {@code --master} URL against the masters this build of the executor can reach. */
final class MasterUrl {

  /** The master when {@code --master} is not given: every core of this machine. */
  static final String DEFAULT = "local[*]";

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://[^/:,\\s]+:[0-9]+(,[^/:,\\s]+:[0-9]+)*");

  private MasterUrl() {}

  /**
   * Returns {@code url} when Spark can use it here.
   *
   * @throws ExecutorSettingsException if it is no master URL, or one of a cluster manager (YARN,
   *     Kubernetes) whose Spark module this build does not include
   */
  static String check(String url) throws ExecutorSettingsException {
    if (LOCAL.matcher(url).matches() || STANDALONE.matcher(url).matches()) {
      return url;
    }
    if (url.equals("yarn") || url.startsWith("k8s://")) {
      throw new ExecutorSettingsException("--master " + url + ": this build of the spark executor has Spark's"
          + " standalone cluster manager only; give spark://HOST:PORT, or add Spark's " + (url.equals("yarn")
          ? "spark-yarn_2.13" : "spark-kubernetes_2.13") + " module to plugins/spark/pom.xml");
    }
    throw new ExecutorSettingsException("--master " + url + ": not a Spark master URL; give local[N], local[*] or"
        + " spark://HOST:PORT (a standalone master, e.g. spark://127.0.0.1:7077)");
  }
}
