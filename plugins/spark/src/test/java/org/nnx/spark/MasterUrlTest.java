package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.execute.ExecutorSettingsException;

class MasterUrlTest {

  private static final Function<String, String> NO_ENV = name -> null;
  private static final Map<String, String> IMAGE = Map.of("spark.kubernetes.container.image", "nnx:1");

  @Test
  void localAndStandaloneMastersPass() throws ExecutorSettingsException {
    for (String url : new String[] {"local", "local[*]", "local[4]", "local[2,3]", "spark://127.0.0.1:7077",
        "spark://a.example:7077,b.example:7077"}) {
      assertThat(MasterUrl.check(url, NO_ENV, Map.of())).isEqualTo(url);
    }
  }

  @Test
  void otherMastersAreRefusedWithWhatToGive() {
    for (String url : new String[] {"local[0]", "local[x]", "spark://host", "http://host:7077", "mesos://h:5050"}) {
      assertThatThrownBy(() -> MasterUrl.check(url, NO_ENV, Map.of())).isInstanceOf(ExecutorSettingsException.class)
          .hasMessageContaining("give local[N], local[*], spark://HOST:PORT").hasMessageContaining("yarn or k8s://");
    }
  }

  @Test
  void yarnNeedsTheHadoopConfigurationAndClientMode(@TempDir Path empty, @TempDir Path site) throws Exception {
    assertThatThrownBy(() -> MasterUrl.check("yarn", NO_ENV, Map.of())).hasMessageContaining("set HADOOP_CONF_DIR");
    Files.writeString(site.resolve("yarn-site.xml"), "<configuration/>");
    Function<String, String> none = name -> name.equals("HADOOP_CONF_DIR") ? empty.toString() : null;
    assertThatThrownBy(() -> MasterUrl.check("yarn", none, Map.of()))
        .hasMessageContaining("no yarn-site.xml in HADOOP_CONF_DIR=" + empty);
    Function<String, String> hadoop = name -> name.equals("HADOOP_CONF_DIR") ? site.toString() : null;
    Function<String, String> yarn = name -> name.equals("YARN_CONF_DIR") ? site.toString() : null;
    assertThat(MasterUrl.check("yarn", hadoop, Map.of())).isEqualTo("yarn");
    assertThat(MasterUrl.check("yarn", yarn, Map.of("spark.submit.deployMode", "client"))).isEqualTo("yarn");
    assertThatThrownBy(() -> MasterUrl.check("yarn", hadoop, Map.of("spark.submit.deployMode", "cluster")))
        .hasMessageContaining("runs in client mode");
  }

  @Test
  void kubernetesNeedsAnApiServerAndAnImage() throws ExecutorSettingsException {
    for (String url : new String[] {"k8s://https://10.0.0.1:6443", "k8s://h.example:443", "k8s://https://h/"}) {
      assertThat(MasterUrl.check(url, NO_ENV, IMAGE)).isEqualTo(url);
    }
    assertThatThrownBy(() -> MasterUrl.check("k8s://https://10.0.0.1:6443", NO_ENV, Map.of()))
        .hasMessageContaining("spark.kubernetes.container.image=IMAGE");
    assertThatThrownBy(() -> MasterUrl.check("k8s://", NO_ENV, IMAGE)).hasMessageContaining("k8s://https://HOST:PORT");
  }

  /** The cluster managers' modules are in the build: Spark finds them by the master's name. */
  @Test
  void sparkHasAClusterManagerForEachMaster() throws Exception {
    java.util.List<String> managers = new java.util.ArrayList<>();
    for (org.apache.spark.scheduler.ExternalClusterManager m
        : java.util.ServiceLoader.load(org.apache.spark.scheduler.ExternalClusterManager.class)) {
      managers.add(m.getClass().getSimpleName());
    }
    assertThat(managers).contains("YarnClusterManager", "KubernetesClusterManager");
  }
}
