package org.gen4j.notebook;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel in this JVM, without Jupyter: values, displays, errors as Jupyter shows them, and the stop button. */
class NotebookKernelTest {
    /**
     * Counted down by the training cell once it runs, so the test interrupts a cell that is under way. The cell
     * finds it among the system properties: JShell compiles cells against the main class path, not the tests'.
     */
    private static final CountDownLatch TRAINING_STARTED = new CountDownLatch(1);

    private static Gen4jKernel kernel;

    @BeforeAll
    static void start() {
        kernel = Gen4jKernel.create();
        kernel.onStartup();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void theLastExpressionIsTheCellsValueAndStatementsHaveNone() {
        assertEquals(42, kernel.evalRaw("int a = 40;\nint b = 2;\na + b"));
        assertEquals(null, kernel.evalRaw("int c = a * b;"));
        assertEquals(null, kernel.evalRaw("System.out.printf(\"%d%n\", c)"), "printf's PrintStream is not shown");
        assertEquals(80, kernel.evalRaw("c"));
    }

    @Test
    void picturesShowAsPngAndArraysAsTables() {
        DisplayData picture = kernel.eval("org.gen4j.viz.LinePlot.of(\"t\", \"x\").series(\"y\", new double[]{1, 2, 3})");
        assertTrue(picture.hasDataForType(MIMEType.IMAGE_PNG), "a picture is a PNG");
        assertTrue(((String) picture.getData(MIMEType.TEXT_PLAIN)).startsWith("[LinePlot "), picture.getData(MIMEType.TEXT_PLAIN).toString());
        byte[] png = java.util.Base64.getDecoder().decode((String) picture.getData(MIMEType.IMAGE_PNG));
        assertEquals((byte) 0x89, png[0]);
        DisplayData array = kernel.eval("org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}})");
        assertEquals("<table><tr><td>1.00000</td><td>2.00000</td></tr><tr><td>3.00000</td><td>4.00000</td></tr></table>",
                array.getData(MIMEType.TEXT_HTML));
    }

    @Test
    void errorsAreJupyterErrorsAndTheKernelGoesOn() {
        Gen4jKernel.CellFailure gen4j = assertThrows(Gen4jKernel.CellFailure.class,
                () -> kernel.evalRaw("org.gen4j.data.Datasets.load(\"no-such-data\")"));
        assertEquals("Gen4jException", gen4j.name());
        assertTrue(gen4j.detail().isEmpty(), "a gen4j error is its message, without a stack");
        assertEquals(List.of("Gen4jException: " + gen4j.getMessage()), strip(kernel.formatError(gen4j)));

        Gen4jKernel.CellFailure compile = assertThrows(Gen4jKernel.CellFailure.class, () -> kernel.evalRaw("int x = \"text\";"));
        assertEquals("CompilationError", compile.name());
        assertTrue(compile.getMessage().contains("incompatible types"), compile.getMessage());

        Gen4jKernel.CellFailure thrown = assertThrows(Gen4jKernel.CellFailure.class,
                () -> kernel.evalRaw("Object o = null;\no.toString()"));
        assertEquals("NullPointerException", thrown.name());

        assertEquals(3, kernel.evalRaw("1 + 2"), "the kernel still answers");
    }

    /** The stop button stops EM between two iterations (not by force), and the kernel keeps its state. */
    @Test
    void interruptingATrainingCellStopsItCleanly() throws Exception {
        kernel.evalRaw("int kept = 7;");
        System.getProperties().put("gen4j.test.trainingStarted", TRAINING_STARTED);
        // one snippet (a block), so that the stop lands inside the training, not between two snippets
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> kernel.evalRaw("""
                {
                    ((java.util.concurrent.CountDownLatch) System.getProperties().get("gen4j.test.trainingStarted")).countDown();
                    org.gen4j.gmm.GaussianMixtureTrainer.builder().components(3).maxIter(Integer.MAX_VALUE).tol(0).seed(1).build()
                            .fit(org.gen4j.data.Datasets.load("faithful"));
                }
                """));
        while (!TRAINING_STARTED.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            if (cell.isDone()) {
                cell.get();            // the cell ended before training began: show why
            }
        }
        kernel.interrupt();
        java.util.concurrent.ExecutionException stopped = assertThrows(java.util.concurrent.ExecutionException.class, cell::get);
        Gen4jKernel.CellFailure failure = (Gen4jKernel.CellFailure) stopped.getCause();
        assertEquals("Interrupted", failure.name());
        assertEquals("training stopped between two steps", failure.getMessage());
        assertEquals(7, kernel.evalRaw("kept"));
    }

    /** Tab completes names (gen4j's included) and Shift-Tab shows a signature. */
    @Test
    void completionAndInspectionKnowGen4j() {
        org.dflib.jjava.jupyter.kernel.ReplacementOptions options = kernel.complete("org.gen4j.data.Datasets.lo", 26);
        assertTrue(options.getReplacements().stream().anyMatch(r -> r.startsWith("load(")), options.getReplacements().toString());
        assertEquals(24, options.getSourceStart(), "the replacement starts at the name being completed");
        DisplayData doc = kernel.inspect("org.gen4j.data.Datasets.load(", 29, false);
        assertTrue(doc != null && doc.getData(MIMEType.TEXT_PLAIN).toString().contains("Datasets.load(String name)"), doc == null ? "null" : String.valueOf(doc.getData(MIMEType.TEXT_PLAIN)));
    }

    /** {@code %classpath DIR} (or {@code %jars}) makes the user's own classes usable in the next cells. */
    @Test
    void classpathMagicAddsTheUsersOwnClasses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path source = dir.resolve("src/userlib/Greeting.java");
        java.nio.file.Files.createDirectories(source.getParent());
        java.nio.file.Files.writeString(source, "package userlib; public class Greeting { public static String hello() { return \"hi\"; } }");
        java.nio.file.Path classes = dir.resolve("classes");
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()));
        kernel.evalRaw("%classpath " + classes);
        assertEquals("hi", kernel.evalRaw("userlib.Greeting.hello()"));
        Gen4jKernel.CellFailure missing = assertThrows(Gen4jKernel.CellFailure.class, () -> kernel.evalRaw("%jars " + dir.resolve("none/*.jar")));
        assertTrue(missing.getMessage().contains("no jar or folder matches"), missing.getMessage());
    }

    private static List<String> strip(List<String> styled) {
        return styled.stream().map(line -> line.replaceAll("\u001B\\[[0-9;]*m", "")).toList();
    }
}
