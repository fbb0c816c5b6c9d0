package org.gen4j.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the packages may depend on each other: the five families stand side by side on the shared layers (core,
 * data, em, stats, nn, kernels) and never reach into each other; the layers above them (train, cli, eval,
 * keras, viz, notebook) may use any family; nothing forms a cycle.
 */
class PackageRulesTest {
    private static final JavaClasses GEN4J = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gen4j");
    private static final String[] FAMILIES = {"gmm", "hmm", "bayesnet", "vae", "gan"};

    @Test
    void familiesNeverImportEachOther() {
        for (String family : FAMILIES) {
            for (String other : FAMILIES) {
                if (!family.equals(other)) {
                    noClasses().that().resideInAPackage("org.gen4j." + family + "..")
                            .should().dependOnClassesThat().resideInAPackage("org.gen4j." + other + "..")
                            .because("a family's shared pieces belong in a shared package (data, nn, em, stats)")
                            .check(GEN4J);
                }
            }
        }
    }

    @Test
    void sharedLayersNeverImportAFamilyOrWhatIsBuiltOnThem() {
        noClasses().that().resideInAnyPackage("org.gen4j.core..", "org.gen4j.data..", "org.gen4j.em..",
                        "org.gen4j.stats..", "org.gen4j.nn..", "org.gen4j.kernels..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gen4j.gmm..", "org.gen4j.hmm..",
                        "org.gen4j.bayesnet..", "org.gen4j.vae..", "org.gen4j.gan..", "org.gen4j.keras..",
                        "org.gen4j.train..", "org.gen4j.cli..", "org.gen4j.eval..", "org.gen4j.viz..", "org.gen4j.spark..",
                        "org.gen4j.notebook..")
                .check(GEN4J);
    }

    /** Jupyter's messaging (JJava) stays behind the notebook kernel; only the command line starts that kernel. */
    @Test
    void onlyTheNotebookPackageSpeaksJupyter() {
        noClasses().that().resideOutsideOfPackage("org.gen4j.notebook..")
                .should().dependOnClassesThat().resideInAPackage("org.dflib.jjava..")
                .check(GEN4J);
        noClasses().that().resideOutsideOfPackages("org.gen4j.notebook..", "org.gen4j.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.gen4j.notebook..")
                .check(GEN4J);
    }

    /**
     * Spark is a provided dependency, on the class path only when a user runs on Spark: one package imports it, and
     * the families reach their data on a cluster through {@code em.Partitioned} alone.
     */
    @Test
    void onlyTheSparkPackageImportsSpark() {
        noClasses().that().resideOutsideOfPackage("org.gen4j.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(GEN4J);
        noClasses().that().resideInAnyPackage("org.gen4j.gmm..", "org.gen4j.hmm..", "org.gen4j.bayesnet..",
                        "org.gen4j.vae..", "org.gen4j.gan..")
                .should().dependOnClassesThat().resideInAPackage("org.gen4j.spark..")
                .check(GEN4J);
    }

    /**
     * DL4J's Spark training (dl4j-spark 1.0.0-M2) is on the launcher's class path but not in the all-in-one jar a
     * cluster runs: only {@code SparkVae} uses it, and only the command line's entry {@code SparkFits} calls
     * {@code SparkVae}, so a GMM, an HMM, a network or a GAN on a cluster never loads it.
     */
    @Test
    void onlyTheSparkVaeReachesDl4jsSparkTraining() {
        noClasses().that().doNotHaveFullyQualifiedName("org.gen4j.spark.SparkVae")
                .should().dependOnClassesThat().resideInAPackage("org.deeplearning4j.spark..")
                .check(GEN4J);
        noClasses().that().doNotHaveFullyQualifiedName("org.gen4j.spark.SparkFits")
                .and().doNotHaveFullyQualifiedName("org.gen4j.spark.SparkVae")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.gen4j.spark.SparkVae")
                .check(GEN4J);
    }

    /**
     * The speed-ups (SIMD passes, direct BLAS, thread sharing, native-memory access) sit behind one fence: only the
     * numerical building blocks and the network layers reach into {@code kernels}; everything else sees
     * {@code NativeRuntime}, which installs the fenced ND4J executioner and describes the kernels.
     */
    @Test
    void onlyBuildingBlocksAndLayersReachTheKernels() {
        noClasses().that().resideOutsideOfPackages("org.gen4j.kernels..", "org.gen4j.stats..", "org.gen4j.nn..")
                .should().dependOnClassesThat(resideInAPackage("org.gen4j.kernels..").and(not(name("org.gen4j.kernels.NativeRuntime"))))
                .because("a family uses the fast paths through stats and nn, so a change to a model never loses them")
                .check(GEN4J);
    }

    /** Network training reaches the fast paths through one seam, {@code nn.FitSession}, never hook by hook. */
    @Test
    void trainersStepThroughTheFitSession() {
        noClasses().that().resideOutsideOfPackage("org.gen4j.nn..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.gen4j.nn.FusedGraphUpdater")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.gen4j.nn.TrainingStep")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.gen4j.nn.NetworkInputGradients")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.gen4j.nn.SharedProducts")
                .because("a trainer that opens the hooks by hand loses a speed-up when a new one is added")
                .check(GEN4J);
    }

    /** Architectures take their layers from {@code nn.LayerStacks}, so a new architecture gets the fast layers by default. */
    @Test
    void layerImplementationsAreChosenByTheFactory() {
        noClasses().that().resideOutsideOfPackage("org.gen4j.nn..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("Contiguous")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("PreOutputCachingDense")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ActivatedBatchNorm")
                .because("LayerStacks picks gen4j's implementation of each layer")
                .check(GEN4J);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("org.gen4j.(*)..").should().beFreeOfCycles().check(GEN4J);
    }
}
