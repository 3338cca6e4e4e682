package dev.parkingoperator.crd.generation;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the ParkingApp CRD from the model (fabric8's CRD generator, run by the build at
 * process-test-classes), with what its annotations cannot say: {@code status.conditions} is a map
 * keyed by type ({@code x-kubernetes-list-type: map}), as every metav1.Condition list should be, so
 * server-side apply merges conditions by type instead of replacing the list.
 */
public final class GenerateCrd {

  private GenerateCrd() {}

  /** {@code args[0]}: the directory the CRD YAML is written to. */
  public static void main(String[] args) throws IOException {
    File output = Files.createDirectories(Path.of(args[0])).toFile();
    new CRDGenerator()
        .customResourceClasses(ParkingApp.class)
        .forCRDVersions("v1")
        .withPostProcessor(new ConditionsAsMap())
        .inOutputDir(output)
        .generate();
  }

  /** Marks every version's status.conditions as a list-map keyed by type. */
  static final class ConditionsAsMap implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      for (CustomResourceDefinitionVersion version :
          ((CustomResourceDefinition) crd).getSpec().getVersions()) {
        JSONSchemaProps conditions =
            version
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("status")
                .getProperties()
                .get("conditions");
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        conditions.getItems().getSchema().setRequired(List.of("type"));
      }
      return crd;
    }
  }
}
