package org.nnx.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.nnx.execute.ExecutorSettingsException;

/**
 * Checks a {@code --master} URL, and what its cluster manager needs before Spark starts, so that a
 * run that cannot start says why in one line instead of waiting for a cluster it cannot reach.
 */
final class MasterUrl {

  /** The master when {@code --master} is not given: every core of this machine. */
  static final String DEFAULT = "local[*]";

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://[^/:,\\s]+:[0-9]+(,[^/:,\\s]+:[0-9]+)*");
  private static final Pattern KUBERNETES = Pattern.compile("k8s://(https?://)?[^/:,\\s]+(:[0-9]+)?/?");

  private MasterUrl() {}

  /**
   * Returns {@code url} when Spark can use it here: {@code local[N]}, {@code spark://HOST:PORT},
   * {@code yarn} (client mode: the driver is this process) with {@code HADOOP_CONF_DIR} or {@code
   * YARN_CONF_DIR} set, as {@code spark-submit} requires, to a folder with a {@code yarn-site.xml}, or {@code k8s://[https://]HOST[:PORT]} with
   * {@code spark.kubernetes.container.image} set.
   *
   * @param env the environment's variables by name ({@code System::getenv})
   * @param conf the {@code --conf} settings
   * @throws ExecutorSettingsException if it is no master URL, or its cluster manager lacks a setting
   */
  static String check(String url, Function<String, String> env, Map<String, String> conf)
      throws ExecutorSettingsException {
    if (LOCAL.matcher(url).matches() || STANDALONE.matcher(url).matches()) {
      return url;
    }
    if (url.equals("yarn")) {
      if (env.apply("HADOOP_CONF_DIR") == null && env.apply("YARN_CONF_DIR") == null) {
        throw new ExecutorSettingsException("--master yarn: Spark finds the YARN ResourceManager in the Hadoop"
            + " configuration; set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the folder with its yarn-site.xml and"
            + " core-site.xml");
      }
      boolean found = false;
      for (String variable : new String[] {"HADOOP_CONF_DIR", "YARN_CONF_DIR"}) {
        String dir = env.apply(variable);
        found |= dir != null && Files.isRegularFile(Path.of(dir, "yarn-site.xml"));
      }
      if (!found) {
        // without it Hadoop's client looks for a ResourceManager at 0.0.0.0:8032 and retries for minutes
        throw new ExecutorSettingsException("--master yarn: no yarn-site.xml in " + conf("HADOOP_CONF_DIR", env)
            + conf("YARN_CONF_DIR", env) + "; point HADOOP_CONF_DIR at the cluster's Hadoop configuration folder");
      }
      if (conf.containsKey("spark.submit.deployMode") && !conf.get("spark.submit.deployMode").equals("client")) {
        throw new ExecutorSettingsException("--conf spark.submit.deployMode=" + conf.get("spark.submit.deployMode")
            + ": nnx is the driver and keeps the result store, so it runs in client mode; leave the setting out");
      }
      return url;
    }
    if (url.startsWith("k8s://")) {
      if (!KUBERNETES.matcher(url).matches()) {
        throw new ExecutorSettingsException("--master " + url + ": not a Kubernetes master URL; give"
            + " k8s://https://HOST:PORT, the API server's address (kubectl cluster-info shows it)");
      }
      if (!conf.containsKey("spark.kubernetes.container.image")
          && !conf.containsKey("spark.kubernetes.executor.container.image")) {
        throw new ExecutorSettingsException("--master " + url + ": Kubernetes runs each executor in a container;"
            + " give --conf spark.kubernetes.container.image=IMAGE, an image with Java 17 and this nnx checkout"
            + " at the same path as here (see the README's Running on a cluster)");
      }
      return url;
    }
    throw new ExecutorSettingsException("--master " + url + ": not a Spark master URL; give local[N], local[*],"
        + " spark://HOST:PORT (a standalone master, e.g. spark://127.0.0.1:7077), yarn or k8s://https://HOST:PORT");
  }

  private static String conf(String variable, Function<String, String> env) {
    return env.apply(variable) == null ? "" : variable + "=" + env.apply(variable) + " ";
  }
}
