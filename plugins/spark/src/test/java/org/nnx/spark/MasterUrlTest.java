package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nnx.execute.ExecutorSettingsException;

class MasterUrlTest {

  @Test
  void localAndStandaloneMastersPass() throws ExecutorSettingsException {
    for (String url : new String[] {"local", "local[*]", "local[4]", "local[2,3]", "spark://127.0.0.1:7077",
        "spark://a.example:7077,b.example:7077"}) {
      assertThat(MasterUrl.check(url)).isEqualTo(url);
    }
  }

  @Test
  void otherMastersAreRefusedWithWhatToGive() {
    for (String url : new String[] {"local[0]", "local[x]", "spark://host", "http://host:7077", "mesos://h:5050"}) {
      assertThatThrownBy(() -> MasterUrl.check(url)).isInstanceOf(ExecutorSettingsException.class)
          .hasMessageContaining("give local[N], local[*] or spark://HOST:PORT");
    }
    assertThatThrownBy(() -> MasterUrl.check("k8s://https://h:6443")).hasMessageContaining("spark-kubernetes_2.13");
  }
}
