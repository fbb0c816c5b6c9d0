package org.gen4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a run builds before it starts: only help and the version skip the native backend, every command that may
 * compute starts it first; picocli models only the subcommands a run names, all of them where help may list them.
 */
class QuickStartTest {
    @Test
    void helpAndVersionStartNoBackend() {
        for (String[] args : new String[][]{{}, {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"help"}, {"help", "fit"},
                {"fit", "gmm", "--help"}, {"infer", "-h"}}) {
            assertFalse(Gen4j.needsBackend(args), String.join(" ", args));
        }
        for (String[] args : new String[][]{{"info"}, {"fit", "gmm", "--data", "faithful", "-k", "2"}, {"infer", "--model", "asia"},
                {"serve", "--model", "m.gmm"}}) {
            assertTrue(Gen4j.needsBackend(args), String.join(" ", args));
        }
    }

    @Test
    void onlyTheNamedSubcommandsAreBuilt() {
        picocli.CommandLine fitGmm = Gen4j.commandLine(new String[]{"fit", "gmm", "--data", "faithful"});
        assertEquals(java.util.Set.of("fit"), fitGmm.getSubcommands().keySet());
        assertEquals(java.util.Set.of("gmm"), fitGmm.getSubcommands().get("fit").getSubcommands().keySet());
        picocli.CommandLine fitOnly = Gen4j.commandLine(new String[]{"fit", "--help"});
        assertEquals(5, fitOnly.getSubcommands().get("fit").getSubcommands().size(), "fit's help lists every model");
        int all = Gen4j.commandLine().getSubcommands().size();
        assertTrue(all > 15, all + " subcommands");
        for (String[] args : new String[][]{{}, {"--help"}, {"help", "fit"}, {"fitt", "gmm"}}) {
            assertEquals(all, Gen4j.commandLine(args).getSubcommands().size(), String.join(" ", args));
        }
        assertEquals(5, Gen4j.commandLine(new String[]{"help", "fit"}).getSubcommands().get("fit").getSubcommands().size());
    }
}
