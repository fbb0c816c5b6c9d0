package org.gen4j.kernels;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.bytedeco.javacpp.Pointer;
import org.gen4j.kernels.NativeArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Only {@link NativeArray} reaches ND4J's memory behind Java's back: NIO views and raw addresses are what a
 * collection can free under a kernel. (On main f90a052 this rule found nine such calls in five classes.)
 */
class NativeMemoryAccessRuleTest {
    private static final JavaClasses GEN4J = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gen4j");

    @Test
    void onlyTheAccessLayerTakesNioViewsOrAddressesOfNd4jBuffers() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.gen4j.kernels")
                .should().callMethod(DataBuffer.class, "asNio")
                .orShould().callMethod(DataBuffer.class, "addressPointer")
                .orShould().callMethod(DataBuffer.class, "pointer")
                .orShould().callMethodWhere(target(name("address")).and(target(owner(assignableTo(Pointer.class)))))
                .because("native memory is read and written through org.gen4j.kernels.NativeArray, which keeps the array "
                        + "reachable for the whole access and checks bounds against the array's own extent");
        rule.check(GEN4J);
    }
}
